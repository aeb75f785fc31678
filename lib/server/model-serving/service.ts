import type { ServerEnv } from '../env';
import type { ArtifactStore } from '../artifact-store';
import type { ArtifactsRepo } from '../repos/artifacts';
import { HttpError } from '../http/errors';
import { openOrtSession } from './ort-node-session';
import { openOrtWorkerSession } from './ort-worker-session';
import type { PredictDeps, PredictOutcome, ServedVersion } from './predict';
import { SessionCache } from './session-cache';

/**
 * Serving's per-process state: the session cache and how a version's file is found (the
 * registry names an artifact; its row names the bytes in the artifact store).
 */
export interface ModelServing extends PredictDeps {
  close(): Promise<void>;
}

export interface ModelServingOptions {
  env: ServerEnv;
  registry: { resolve(name: string, ref: string): Promise<ServedVersion | undefined>; getModel(name: string): Promise<unknown> };
  artifacts: ArtifactsRepo;
  artifactStore: ArtifactStore;
  observe?: (outcome: PredictOutcome) => void;
  prepare?: (name: string, version: number) => Promise<unknown>;
}

/** The session cache's key for a version's file: the artifact id (versions registered from one file share a session). */
const FILE_KEY_PREFIX = 'artifact:';

export function createModelServing({ env, registry, artifacts, artifactStore, observe, prepare }: ModelServingOptions): ModelServing {
  async function fileBytes(artifactId: string): Promise<Uint8Array> {
    const stored = await artifacts.get(artifactId);
    const bytes = stored ? await artifactStore.read(stored.storageKey) : undefined;
    if (!stored || !bytes) throw new HttpError(404, 'not_found', `the model file (artifact ${artifactId}) is missing from the artifact store`);
    // Uploads are bounded by BENCHTOP_MAX_ARTIFACT_BYTES already; a session needs the whole file.
    return new Uint8Array(await new Response(bytes.stream).arrayBuffer());
  }
  const sessions = new SessionCache({
    maxSessions: env.BENCHTOP_SERVING_MAX_SESSIONS,
    maxBatchRows: env.BENCHTOP_SERVING_MAX_BATCH,
    maxWaitMs: env.BENCHTOP_SERVING_BATCH_WAIT_MS,
    async open(key) {
      const artifactId = key.slice(FILE_KEY_PREFIX.length);
      const bytes = await fileBytes(artifactId);
      try {
        const open = env.BENCHTOP_SERVING_MAIN_THREAD ? openOrtSession : openOrtWorkerSession;
        return await open(bytes, { intraOpThreads: env.BENCHTOP_SERVING_THREADS });
      } catch (err) {
        throw new HttpError(422, 'validation_failed', `onnxruntime cannot load the model file ${artifactId}: ${(err as Error).message.slice(0, 300)}`);
      }
    },
  });
  return {
    resolve: (name, ref) => registry.resolve(name, ref),
    modelExists: async (name) => (await registry.getModel(name)) !== undefined,
    sessions,
    fileKey: (v) => FILE_KEY_PREFIX + v.artifact.artifactId,
    observe,
    prepare,
    close: () => sessions.close(),
  };
}
