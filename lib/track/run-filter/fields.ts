import { METRIC_AGGS, type MetricAgg, type RunAttr, type RunField } from './ast';
import { FilterSyntaxError, type Token } from './lexer';

/** Names a run attribute goes by (lower case): W&B says `state`, MLflow `status`. */
const ATTR_NAMES: Record<string, RunAttr> = {
  id: 'id',
  name: 'name',
  displayname: 'name',
  status: 'status',
  state: 'status',
  createdat: 'createdAt',
  created_at: 'createdAt',
  created: 'createdAt',
  updatedat: 'updatedAt',
  updated_at: 'updatedAt',
  finishedat: 'finishedAt',
  finished_at: 'finishedAt',
  owner: 'owner',
  user: 'owner',
  username: 'owner',
  sweepid: 'sweepId',
  sweep: 'sweepId',
  projectid: 'projectId',
  project: 'projectId',
  notes: 'notes',
  deletedat: 'deletedAt',
  deleted_at: 'deletedAt',
};

const GROUPS: Record<string, 'param' | 'metric' | 'tag'> = {
  params: 'param',
  param: 'param',
  config: 'param',
  metrics: 'metric',
  metric: 'metric',
  summary: 'metric',
  summary_metrics: 'metric',
  tags: 'tag',
  tag: 'tag',
};

export const FIELD_HELP = 'fields are name, status, createdAt, updatedAt, finishedAt, owner, sweepId, projectId, id, notes, deletedAt, params.<key>, metrics.<key>[.min|.max|.last], tags.<key>';

/** The field a path token names, or a syntax error pointing at it. */
export function fieldOf(token: Extract<Token, { type: 'path' }>): RunField {
  const [head, ...rest] = token.segments;
  const name = head.quoted ? undefined : head.text.toLowerCase();
  const group = name === undefined ? undefined : GROUPS[name];
  if (group === undefined) {
    const attr = name === undefined || rest.length > 0 ? undefined : ATTR_NAMES[name];
    if (attr) return { kind: 'attr', attr };
    throw new FilterSyntaxError(`unknown field "${token.text}"; ${FIELD_HELP}`, token.span);
  }
  if (rest.length === 0) throw new FilterSyntaxError(`"${token.text}" needs a key: ${head.text}.<key>`, token.span);
  if (group === 'metric') {
    const last = rest[rest.length - 1];
    const agg = rest.length > 1 && !last.quoted && (METRIC_AGGS as readonly string[]).includes(last.text) ? (last.text as MetricAgg) : undefined;
    const keyParts = agg ? rest.slice(0, -1) : rest;
    return { kind: 'metric', key: keyParts.map((s) => s.text).join('.'), agg: agg ?? 'last' };
  }
  return { kind: group, key: rest.map((s) => s.text).join('.') };
}

/** Attributes that hold times (ms since the epoch); a string value there is read as a date. */
export const TIME_ATTRS: ReadonlySet<RunAttr> = new Set(['createdAt', 'updatedAt', 'finishedAt', 'deletedAt']);
