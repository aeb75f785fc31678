import type { z } from 'zod';
import type { HistoryResponse } from '../api';
import type { Artifact, Run } from '../schemas';

/** Where a run was read from: this browser's IndexedDB, the sync server, or a share link. */
export type RunOrigin = 'local' | 'server' | 'share';

/** One metric of a run, summarised over all its points (NaN ignored by min and max). */
export interface MetricKeySummary {
  key: string;
  count: number;
  last: number;
  min: number;
  max: number;
}

/** What a run page shows of a run at one moment (the histories are read per chart). */
export interface RunSnapshot {
  origin: RunOrigin;
  run: Run;
  metricKeys: MetricKeySummary[];
  artifacts: Artifact[];
  /** false on a share link whose sharer left the code out (run.code is then null). */
  includeCode: boolean;
}

/**
 * A metric's history as a chart draws it: the points, or when there were more than asked for,
 * buckets of `bucketWidth` steps that keep each bucket's last point with its min and max.
 */
export type RunHistory = Omit<z.output<typeof HistoryResponse>, 'runId'>;

/**
 * One run read model behind every run page (the owner's, a share link's, a comparison's): the
 * same reads whether the run lives in this browser, on the sync server or behind a share token.
 */
export interface RunSource {
  /** Stable id: the cache key of everything read through this source. */
  readonly id: string;
  /** The run now; null when this source does not hold it (never synced, deleted, link revoked). */
  load(): Promise<RunSnapshot | null>;
  /** At most `maxPoints` points of one metric (downsampled with min/max bands beyond that). */
  history(key: string, maxPoints: number): Promise<RunHistory>;
  /** A plain link to the file when no credentials are needed; else use `download`. */
  artifactHref(artifact: Artifact): string | undefined;
  /** The file's bytes; undefined when they are gone (a local checkpoint pruned from storage). */
  download(artifact: Artifact): Promise<Uint8Array | undefined>;
  /** How often a running run is read again (ms): its points arrive as they are logged. */
  readonly liveMs: number;
  /** Tells about changes between polls (a file this tab just added); returns the unsubscribe. */
  subscribe?(onChange: () => void): () => void;
}
