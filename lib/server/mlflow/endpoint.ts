import type { Services } from '../services';
import type { MlflowRepos } from './repos';

/** What an MLflow endpoint handler gets: the request's fields (JSON body, or query for GET). */
/** MLflow's registry also uses PATCH (update) and DELETE (with a JSON body, as its client sends it). */
export type MlflowMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface MlflowContext {
  /** One path may take several methods (registered-models/alias: POST sets, GET reads, DELETE removes). */
  method: MlflowMethod;
  input: Record<string, unknown>;
  services: Services;
  /** `services.mlflow`: the tables as MLflow sees them. */
  repos: MlflowRepos;
  nowMs: number;
}

/**
 * One MLflow REST endpoint, e.g. POST runs/log-batch. The handler returns the JSON body of a 200,
 * or a whole Response when the body is streamed (a full metric history).
 */
export interface MlflowEndpoint {
  /** Path after `/api/2.0/mlflow/`, e.g. `runs/log-batch`. */
  path: string;
  methods: ReadonlyArray<MlflowMethod>;
  /** Largest request body; log-batch uses MLflow's 1,000,000 bytes. Default 1,000,000. */
  maxBodyBytes?: number;
  /** Error message for a body over the limit (`size` as known from Content-Length, or "more"). */
  tooLargeMessage?: (size: string) => string;
  handle(ctx: MlflowContext): Promise<object | Response>;
}
