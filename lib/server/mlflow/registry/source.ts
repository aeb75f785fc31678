import type { Services } from '../../services';
import { runArtifactDir } from '../views';

/**
 * Where a model version's files are in the MLflow artifact tree, from its source URI:
 * `runs:/<run>/<path>` (what `mlflow.register_model("runs:/…")` may send) or
 * `mlflow-artifacts:/<experiment>/<run>/artifacts/<path>` (what it resolves that to).
 */
export interface SourceLocation {
  runId: string | null;
  /** Path in the tree (artifact-path.ts rules not yet applied). */
  treePath: string;
}

export async function locateSource(services: Services, source: string, runId: string | null): Promise<SourceLocation | null> {
  const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(source);
  if (runs) {
    const run = await services.mlflow.runs.get(runs[1]);
    if (!run) return null;
    return { runId: run.id, treePath: [runArtifactDir(run), runs[2].replace(/\/+$/, '')].filter(Boolean).join('/') };
  }
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.+)$/.exec(source);
  if (proxied) {
    const treePath = proxied[1].replace(/\/+$/, '');
    const fromPath = /^[^/]+\/([^/]+)\/artifacts(\/|$)/.exec(treePath)?.[1] ?? null;
    return { runId: runId ?? fromPath, treePath };
  }
  return null;
}

/** The URI MLflow clients download a version from (get-download-uri): `runs:/` resolved to the proxy. */
export async function downloadUriOf(services: Services, source: string, runId: string | null): Promise<string> {
  if (!source.startsWith('runs:/')) return source;
  const at = await locateSource(services, source, runId);
  return at ? `mlflow-artifacts:/${at.treePath}` : source;
}
