import type { Services } from '../services';
import { experimentsStore, type ExperimentsStore } from './store/experiments';
import { runsStore, type RunsStore } from './store/runs';
import { metricsStore, type MetricsStore } from './store/metrics';

/** What an MLflow endpoint handler gets: the request's fields (JSON body, or query for GET). */
export interface MlflowContext {
  input: Record<string, unknown>;
  services: Services;
  stores: MlflowStores;
  nowMs: number;
}

/** One MLflow REST endpoint, e.g. POST runs/log-batch. The handler returns the JSON body of a 200. */
export interface MlflowEndpoint {
  /** Path after `/api/2.0/mlflow/`, e.g. `runs/log-batch`. */
  path: string;
  methods: ReadonlyArray<'GET' | 'POST'>;
  /** Largest request body; log-batch uses MLflow's 1,000,000 bytes. Default 1,000,000. */
  maxBodyBytes?: number;
  /** Error message for a body over the limit (`size` as known from Content-Length, or "more"). */
  tooLargeMessage?: (size: string) => string;
  handle(ctx: MlflowContext): Promise<object>;
}

export interface MlflowStores {
  experiments: ExperimentsStore;
  runs: RunsStore;
  metrics: MetricsStore;
  /** Creates the default project ("experiment 0") once per server. */
  ensureDefault(nowMs: number): Promise<void>;
}

const storesOf = new WeakMap<Services, MlflowStores>();

/** Stores over one server's database, made once per Services. */
export function mlflowStores(services: Services): MlflowStores {
  let s = storesOf.get(services);
  if (!s) {
    const experiments = experimentsStore(services.db.kysely);
    let ensured: Promise<void> | undefined;
    s = {
      experiments,
      runs: runsStore(services.db),
      metrics: metricsStore(services.metrics),
      ensureDefault(nowMs) {
        ensured ??= experiments.ensureDefault(nowMs).catch((err: unknown) => {
          ensured = undefined;
          throw err;
        });
        return ensured;
      },
    };
    storesOf.set(services, s);
  }
  return s;
}
