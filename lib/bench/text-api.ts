import type * as tfType from '@tensorflow/tfjs';
import type { DownloadProgress } from '../data/fetch-progress';
import { loadSpamCorpus, splitSpamCorpus, type SpamSplitOptions, type TextSplitPart } from '../data/spam-corpus';
import type { BenchSession } from '../kernel/session';
import { findSelfAttention, textLayers, type TextLayers } from '../text/attention-layers';
import { trainBpe, type BpeOptions, type BpeTokenizer } from '../text/bpe';

export type { SpamSplitOptions, TextSplitPart, BpeOptions, BpeTokenizer, TextLayers };

/** What `bench.datasets.spamAssassin` returns: texts and labels, to tokenize as the notebook likes. */
export interface TextDataset {
  train: TextSplitPart;
  validation: TextSplitPart;
  /** Stable id of exactly these messages; pass it to bench.train with the tensors made from them. */
  fingerprint: string;
  info: { name: string; classNames: string[]; trainSize: number; validationSize: number; source: string; licence: string };
}

export const SPAM_LICENCE = 'corpus: PDDL 1.0 (database) / CC0 1.0 (contents); package code: Apache-2.0';

export async function spamAssassinDataset(options: SpamSplitOptions = {}, onDownload?: DownloadProgress): Promise<TextDataset> {
  const all = await loadSpamCorpus(onDownload);
  const split = await splitSpamCorpus(all, options);
  return {
    ...split,
    info: { name: 'spam-assassin', classNames: ['ham', 'spam'], trainSize: split.train.texts.length, validationSize: split.validation.texts.length, source: all.source, licence: SPAM_LICENCE },
  };
}

/** `bench.text`: the text template's library code (a tokenizer and transformer layers). */
export interface BenchText {
  /** Trains a byte-pair-encoding tokenizer on `texts` (in the kernel's worker). */
  trainTokenizer(texts: readonly string[], options?: BpeOptions): BpeTokenizer;
  /** Custom layers: multi-head self-attention and learned position embeddings. */
  layers: TextLayers;
  /**
   * Attention weights of the model's first self-attention layer for one input row (a [1, length]
   * tensor of token ids): [head][query position][key position], each row summing to 1.
   */
  attention(model: tfType.LayersModel, ids: tfType.Tensor): Promise<number[][][]>;
}

export function createBenchText(session: BenchSession): BenchText {
  const { tf } = session;
  return {
    trainTokenizer: (texts, options) => trainBpe(texts, options),
    get layers() {
      return textLayers(tf);
    },
    async attention(model, ids) {
      const layer = findSelfAttention(model);
      if (!layer) throw new Error('bench.text.attention: the model has no self-attention layer (bench.text.layers.selfAttention)');
      if (ids.rank !== 2 || ids.shape[0] !== 1) throw new RangeError(`bench.text.attention: ids must be one row, shape [1, length]; got [${ids.shape.join(', ')}]`);
      const weights = tf.tidy(() => {
        const toLayer = tf.model({ inputs: model.inputs, outputs: layer.input as tfType.SymbolicTensor });
        return layer.attentionWeights(toLayer.predict(ids) as tfType.Tensor).squeeze([0]);
      });
      const out = (await weights.array()) as number[][][];
      weights.dispose();
      return out;
    },
  };
}
