import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from '../kernel/session';

/**
 * A checkpoint is one byte array: magic "BTCK", version, a JSON header (topology + weight specs,
 * everything `tf.loadLayersModel` needs) and the raw weight bytes. One blob per checkpoint keeps
 * IndexedDB, the outbox and the server's artifact storage simple.
 */
const MAGIC = [0x42, 0x54, 0x43, 0x4b]; // "BTCK"
const VERSION = 1;
const HEADER_OFFSET = 12; // magic(4) + version(4) + header length(4)

interface CheckpointHeader {
  modelTopology: unknown;
  weightSpecs: tfType.io.WeightsManifestEntry[];
  trainingConfig?: unknown;
  format?: string;
  generatedBy?: string;
}

export async function modelToBytes(tf: Tf, model: tfType.LayersModel): Promise<Uint8Array> {
  let captured: tfType.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = captured as tfType.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs || !artifacts.weightData) {
    throw new Error('model.save produced no topology or weights; only tf.LayersModel can be checkpointed');
  }
  const header: CheckpointHeader = {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    trainingConfig: artifacts.trainingConfig,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const bytes = new Uint8Array(HEADER_OFFSET + headerBytes.byteLength + weights.byteLength);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, headerBytes.byteLength, true);
  bytes.set(headerBytes, HEADER_OFFSET);
  bytes.set(weights, HEADER_OFFSET + headerBytes.byteLength);
  return bytes;
}

export async function bytesToModel(tf: Tf, bytes: Uint8Array): Promise<tfType.LayersModel> {
  if (bytes.byteLength < HEADER_OFFSET || MAGIC.some((m, i) => bytes[i] !== m)) {
    throw new Error('not a Benchtop checkpoint (missing "BTCK" header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`checkpoint format version ${version} is not supported (expected ${VERSION})`);
  const headerLength = view.getUint32(8, true);
  if (HEADER_OFFSET + headerLength > bytes.byteLength) throw new Error('checkpoint is truncated (header runs past the end)');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_OFFSET, HEADER_OFFSET + headerLength))) as CheckpointHeader;
  const weights = bytes.slice(HEADER_OFFSET + headerLength).buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: header.modelTopology as tfType.io.ModelArtifacts['modelTopology'],
      weightSpecs: header.weightSpecs,
      weightData: weights,
      trainingConfig: header.trainingConfig as tfType.io.ModelArtifacts['trainingConfig'],
    }),
  );
}
