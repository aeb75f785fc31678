import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from '../kernel/session';

/** Class names the layers serialize under (checkpoints, bench.load, the ONNX exporter's refusal). */
export const SELF_ATTENTION_CLASS = 'BenchSelfAttention';
export const POSITION_EMBEDDING_CLASS = 'BenchPositionEmbedding';

export interface SelfAttentionConfig {
  /** Heads; the model width must divide by it. */
  numHeads: number;
  name?: string;
}

export interface PositionEmbeddingConfig {
  name?: string;
}

/** What bench.text.layers returns: the transformer's two custom layers, as tf.layers.* factories do. */
export interface TextLayers {
  /** Multi-head scaled dot-product self-attention over [batch, length, width] (no mask: pads attend too). */
  selfAttention(config: SelfAttentionConfig): tfType.layers.Layer;
  /** Adds a learned vector per position to [batch, length, width] token embeddings. */
  positionEmbedding(config?: PositionEmbeddingConfig): tfType.layers.Layer;
}

/** A self-attention layer's attention weights for given inputs: [batch, heads, length, length]. */
export interface AttentionProbe {
  attentionWeights(x: tfType.Tensor): tfType.Tensor;
}

type LayerArgs = ConstructorParameters<Tf['layers']['Layer']>[0];

const perTf = new WeakMap<Tf, TextLayers>();

/**
 * The layers are classes of the kernel's own tfjs (a subclass of another copy's Layer would not
 * train with it), defined once per tfjs and registered for serialization so checkpoints,
 * bench.load and bench.train's seeded re-initialisation (toJSON → modelFromJSON) rebuild them.
 */
export function textLayers(tf: Tf): TextLayers {
  const known = perTf.get(tf);
  if (known) return known;

  class SelfAttention extends tf.layers.Layer implements AttentionProbe {
    static className = SELF_ATTENTION_CLASS;
    readonly numHeads: number;
    private weightsByName: Record<string, tfType.LayerVariable> = {};

    constructor(config: SelfAttentionConfig & LayerArgs) {
      super(config);
      if (!Number.isInteger(config.numHeads) || config.numHeads < 1) throw new RangeError(`selfAttention: numHeads must be a positive integer, got ${config.numHeads}`);
      this.numHeads = config.numHeads;
    }

    override build(inputShape: tfType.Shape | tfType.Shape[]): void {
      const width = (inputShape as tfType.Shape)[2];
      if (typeof width !== 'number' || width % this.numHeads !== 0) throw new RangeError(`selfAttention: the width ${width} must divide by numHeads ${this.numHeads}`);
      for (const part of ['query', 'key', 'value', 'output']) {
        this.weightsByName[`${part}/kernel`] = this.addWeight(`${part}/kernel`, [width, width], 'float32', tf.initializers.glorotUniform({}));
        this.weightsByName[`${part}/bias`] = this.addWeight(`${part}/bias`, [width], 'float32', tf.initializers.zeros());
      }
      this.built = true;
    }

    private project(x: tfType.Tensor, part: string): tfType.Tensor {
      const [b, l, w] = x.shape;
      const flat = x.reshape([b! * l!, w!]);
      return tf.add(tf.matMul(flat, this.weightsByName[`${part}/kernel`].read()), this.weightsByName[`${part}/bias`].read()).reshape([b!, l!, w!]);
    }

    /** [b, l, width] → [b, heads, l, width / heads]. */
    private splitHeads(x: tfType.Tensor): tfType.Tensor {
      const [b, l, w] = x.shape;
      return x.reshape([b!, l!, this.numHeads, w! / this.numHeads]).transpose([0, 2, 1, 3]);
    }

    attentionWeights(x: tfType.Tensor): tfType.Tensor {
      return tf.tidy(() => {
        const q = this.splitHeads(this.project(x, 'query'));
        const k = this.splitHeads(this.project(x, 'key'));
        const scale = 1 / Math.sqrt(q.shape[3]!);
        return tf.softmax(tf.mul(tf.matMul(q, k, false, true), scale));
      });
    }

    override call(inputs: tfType.Tensor | tfType.Tensor[]): tfType.Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? inputs[0] : inputs;
        const [b, l, w] = x.shape;
        const weights = this.attentionWeights(x);
        const v = this.splitHeads(this.project(x, 'value'));
        const heads = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([b!, l!, w!]);
        return this.project(heads, 'output');
      });
    }

    override computeOutputShape(inputShape: tfType.Shape | tfType.Shape[]): tfType.Shape | tfType.Shape[] {
      return inputShape;
    }

    override getConfig(): tfType.serialization.ConfigDict {
      return { ...super.getConfig(), numHeads: this.numHeads };
    }
  }

  class PositionEmbedding extends tf.layers.Layer {
    static className = POSITION_EMBEDDING_CLASS;
    private positions: tfType.LayerVariable | null = null;

    override build(inputShape: tfType.Shape | tfType.Shape[]): void {
      const [, length, width] = inputShape as tfType.Shape;
      if (typeof length !== 'number' || typeof width !== 'number') throw new RangeError(`positionEmbedding: needs a fixed [length, width] input, got ${JSON.stringify(inputShape)}`);
      this.positions = this.addWeight('positions', [length, width], 'float32', tf.initializers.randomNormal({ stddev: 0.02 }));
      this.built = true;
    }

    override call(inputs: tfType.Tensor | tfType.Tensor[]): tfType.Tensor {
      return tf.tidy(() => tf.add(Array.isArray(inputs) ? inputs[0] : inputs, this.positions!.read()));
    }

    override computeOutputShape(inputShape: tfType.Shape | tfType.Shape[]): tfType.Shape | tfType.Shape[] {
      return inputShape;
    }
  }

  tf.serialization.registerClass(SelfAttention);
  tf.serialization.registerClass(PositionEmbedding);
  const layers: TextLayers = {
    selfAttention: (config) => new SelfAttention(config),
    positionEmbedding: (config = {}) => new PositionEmbedding(config),
  };
  perTf.set(tf, layers);
  return layers;
}

/** The model's first self-attention layer, found by class name. */
export function findSelfAttention(model: tfType.LayersModel): (tfType.layers.Layer & AttentionProbe) | null {
  const layer = model.layers.find((l) => l.getClassName() === SELF_ATTENTION_CLASS);
  return (layer as (tfType.layers.Layer & AttentionProbe) | undefined) ?? null;
}
