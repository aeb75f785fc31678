import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../lib/data/rng';

/**
 * The export zoo: TensorFlow.js Layers models that nobody here wrote, shipped inside npm packages
 * pinned in devDependencies (package.json), so CI fetches them with `npm ci` and no other network.
 * nsfwjs 4.4.0 ships its models as UMD bundles (model.min.js exports the model.json object, each
 * shard a base64 string); @upscalerjs/esrgan-slim 1.0.0 ships plain model.json + .bin files.
 * (nsfwjs's mobilenet_v2_mid is a graph model: nothing to convert, so it is not in the zoo.)
 */
export type ZooKind = 'classifier' | 'image-to-image';

export interface ZooModel {
  name: string;
  /** npm package@version it ships in, and the path inside it. */
  source: string;
  kind: ZooKind;
  /** Per-sample input shape to verify on (unknown dims filled in). */
  inputShape: number[];
  /** Inputs are pixels in [0, 255] (both zoo packages feed raw pixels) or [0, 1]. */
  pixelScale: number;
  load(): Promise<tf.LayersModel>;
}

const require = createRequire(import.meta.url);
/** The installed package's folder (their `exports` hide package.json, so from the main entry). */
function packageDir(name: string): string {
  const main = require.resolve(name);
  const marker = `node_modules/${name}`;
  return main.slice(0, main.lastIndexOf(marker) + marker.length);
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

function fromParts(json: ModelJson, shards: Uint8Array[]): Promise<tf.LayersModel> {
  const weightData = tf.io.concatenateArrayBuffers(shards.map((s) => s.slice().buffer));
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }));
}

/** nsfwjs: dist/models/<name>/model.min.js + group1-shardNofM.min.js (base64). */
function nsfwjsModel(name: string): () => Promise<tf.LayersModel> {
  return () => {
    const dir = path.join(packageDir('nsfwjs'), 'dist/models', name);
    const json = require(path.join(dir, 'model.min.js')) as ModelJson;
    const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => {
      const file = path.join(dir, `${p}.min.js`);
      return Uint8Array.from(Buffer.from(require(file) as string, 'base64'));
    });
    return fromParts(json, shards);
  };
}

/** @upscalerjs/*: models/<scale>/model.json + .bin shards. */
function upscalerModel(pkg: string, sub: string): () => Promise<tf.LayersModel> {
  return () => {
    const dir = path.join(packageDir(pkg), 'models', sub);
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as ModelJson;
    const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => new Uint8Array(readFileSync(path.join(dir, p))));
    return fromParts(json, shards);
  };
}

export const ZOO: readonly ZooModel[] = [
  { name: 'nsfwjs-mobilenet-v2', source: 'nsfwjs@4.4.0 dist/models/mobilenet_v2', kind: 'classifier', inputShape: [224, 224, 3], pixelScale: 1, load: nsfwjsModel('mobilenet_v2') },
  { name: 'nsfwjs-inception-v3', source: 'nsfwjs@4.4.0 dist/models/inception_v3', kind: 'classifier', inputShape: [299, 299, 3], pixelScale: 1, load: nsfwjsModel('inception_v3') },
  { name: 'esrgan-slim-x2', source: '@upscalerjs/esrgan-slim@1.0.0 models/x2', kind: 'image-to-image', inputShape: [32, 32, 3], pixelScale: 255, load: upscalerModel('@upscalerjs/esrgan-slim', 'x2') },
  { name: 'esrgan-slim-x4', source: '@upscalerjs/esrgan-slim@1.0.0 models/x4', kind: 'image-to-image', inputShape: [32, 32, 3], pixelScale: 255, load: upscalerModel('@upscalerjs/esrgan-slim', 'x4') },
];

/**
 * Seeded photo-like inputs for a zoo model: per image and channel a smooth field (a plane plus a
 * sinusoid, values in [0, pixelScale]). White noise would put classifiers near ties, where any
 * rounding flips the top class; smooth images are closer to what these models see.
 */
export function zooImages(spec: Pick<ZooModel, 'inputShape' | 'pixelScale'>, count: number, seed: number): tf.Tensor {
  const rng = createRng(seed);
  const [h, w, c] = spec.inputShape;
  const data = new Float32Array(count * h * w * c);
  for (let n = 0; n < count; n++) {
    for (let ch = 0; ch < c; ch++) {
      const [a, bx, by, amp, fx, fy, phase] = [rng(), rng() - 0.5, rng() - 0.5, rng() * 0.5, rng() * 12, rng() * 12, rng() * 6.3];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const u = x / w;
          const v = y / h;
          const value = a + bx * u + by * v + amp * Math.sin(fx * u + fy * v + phase);
          data[((n * h + y) * w + x) * c + ch] = Math.min(1, Math.max(0, value)) * spec.pixelScale;
        }
      }
    }
  }
  return tf.tensor(data, [count, h, w, c]);
}
