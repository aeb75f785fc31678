import { z } from 'zod';
import { MetricSummary, WireRun, type Run } from './schemas';

/**
 * A run as lists show it (runs table, home page, sync merge): no code snapshot and no full
 * config, only the config's scalar leaves the table can show, capped. Everything else comes from
 * the run's own endpoint (GET /api/v1/runs/:id). A workspace of big runs lists in small bytes.
 */
export const RUN_LIST_PARAMS = {
  /** Leaves kept per run (top-level keys first). */
  maxCount: 64,
  /** Longest dotted key kept (longer ones are left out). */
  maxKeyChars: 128,
  /** Strings longer than this are cut, ending in "…". */
  maxValueChars: 256,
  /** Nesting followed into the config. */
  maxDepth: 6,
} as const;

export const ListParamValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ListParamValue = z.infer<typeof ListParamValue>;

const listFields = {
  id: true,
  projectId: true,
  notebookId: true,
  name: true,
  status: true,
  statusReason: true,
  sweepId: true,
  trialId: true,
  owner: true,
  tags: true,
  source: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
  summary: true,
} as const;

const listExtra = {
  /** `env.backend`: the backend that actually ran. */
  backend: z.string(),
  /** The config's scalar leaves by dotted path (`optimizer.lr`), at most RUN_LIST_PARAMS.maxCount. */
  params: z.record(z.string(), ListParamValue),
};

/** On the wire (summary values may be NaN/Infinity tokens). */
export const WireRunListItem = WireRun.pick(listFields).extend(listExtra);
export type WireRunListItem = z.input<typeof WireRunListItem>;

/** In memory (summary values are numbers). */
export const RunListItem = WireRun.pick(listFields).extend({ ...listExtra, summary: z.record(z.string(), MetricSummary) });
export type RunListItem = z.infer<typeof RunListItem>;

/**
 * The config's scalar leaves by dotted path (lists skipped), breadth first (top-level keys before nested ones),
 * capped by RUN_LIST_PARAMS so one huge config cannot make a list row huge.
 */
export function listParams(config: Record<string, unknown>): Record<string, ListParamValue> {
  const out: Record<string, ListParamValue> = {};
  let count = 0;
  let level: Array<[string, unknown]> = Object.entries(config);
  for (let depth = 0; depth < RUN_LIST_PARAMS.maxDepth && level.length > 0; depth++) {
    const next: Array<[string, unknown]> = [];
    for (const [key, value] of level) {
      if (key.length > RUN_LIST_PARAMS.maxKeyChars) continue;
      // Objects are followed (`optimizer.lr`); lists (`layers: [64, 32]`) are no column, as before.
      if (Array.isArray(value)) continue;
      if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) next.push([`${key}.${k}`, v]);
        continue;
      }
      const leaf = scalar(value);
      if (leaf === undefined) continue;
      out[key] = leaf;
      if (++count >= RUN_LIST_PARAMS.maxCount) return out;
    }
    level = next;
  }
  return out;
}

function scalar(value: unknown): ListParamValue | undefined {
  if (typeof value === 'string') return value.length > RUN_LIST_PARAMS.maxValueChars ? `${value.slice(0, RUN_LIST_PARAMS.maxValueChars - 1)}…` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean' || value === null) return value;
  return undefined;
}

/** A full run as a list row: what a local run and a server row both become. */
export function toRunListItem(run: Run): RunListItem {
  return {
    id: run.id,
    projectId: run.projectId,
    notebookId: run.notebookId,
    name: run.name,
    status: run.status,
    statusReason: run.statusReason,
    sweepId: run.sweepId,
    trialId: run.trialId,
    owner: run.owner,
    tags: run.tags,
    source: run.source,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    summary: run.summary,
    backend: run.env.backend,
    params: listParams(run.config),
  };
}
