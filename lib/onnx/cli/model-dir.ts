import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * tfjs's Layers format on disk (Node only): `model.json` (topology + weightsManifest) beside the
 * binary weight shards it lists, as `model.save('file://…')` in tfjs-node or `tfjs_converter`
 * writes them. tfjs-node cannot install here, so these are small IOHandlers over node:fs.
 */
interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** Accepts a directory containing model.json, or the model.json path itself. */
async function modelJsonPath(location: string): Promise<string> {
  const info = await stat(location).catch(() => null);
  if (!info) throw new Error(`model: '${location}' does not exist`);
  return info.isDirectory() ? path.join(location, 'model.json') : location;
}

export async function loadLayersModelFromDir(location: string): Promise<tf.LayersModel> {
  const jsonPath = await modelJsonPath(location);
  let json: ModelJson;
  try {
    json = JSON.parse(await readFile(jsonPath, 'utf8')) as ModelJson;
  } catch (e) {
    throw new Error(`model: cannot read ${jsonPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`model: ${jsonPath} is not a tfjs Layers model.json (needs modelTopology and weightsManifest)`);
  }
  if (json.format && json.format !== 'layers-model') throw new Error(`model: ${jsonPath} has format '${json.format}'; only 'layers-model' is supported (graph models have no layers to convert)`);
  const dir = path.dirname(jsonPath);
  const shards: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const file = path.join(dir, p);
      shards.push(await readFile(file).catch(() => Promise.reject(new Error(`model: weight file ${file} listed in ${jsonPath} is missing`))));
    }
  }
  const total = shards.reduce((n, s) => n + s.length, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const s of shards) {
    weightData.set(s, offset);
    offset += s.length;
  }
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  };
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Saves `model` as model.json + weights.bin in `dir` (created if needed). */
export async function saveLayersModelToDir(model: tf.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData ? new Uint8Array(tf.io.concatenateArrayBuffers(Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData])) : new Uint8Array();
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology as object,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(path.join(dir, 'weights.bin'), weights);
      await writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.length } };
    }),
  );
}
