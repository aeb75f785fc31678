import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { isAliasExpansionError, SWEEP_SOURCE_LIMITS, sweepObjectLimitError, sweepSourceLimitError } from './source-limits';
import { SweepSpecSchema, type SweepSpec } from './spec';

/**
 * Sweep cell source (YAML, or JSON, which is YAML too) → a validated SweepSpec, or errors that
 * name the field and point at the line and column in the cell, ready for Monaco markers.
 */

export interface SweepSourceError {
  /** `field.path: what is wrong`, e.g. `parameters.lr.distribution: expected one of …`. */
  message: string;
  /** Dotted path of the field (`parameters.lr.max`); '' for the whole document. */
  path: string;
  /** 1-based position of the offending node; 0 when the spec came as an object, not text. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type ParseSweepResult = { ok: true; spec: SweepSpec } | { ok: false; errors: SweepSourceError[] };

type Path = (string | number)[];

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

function withPath(path: string, message: string): string {
  return path ? `${path}: ${message}` : message;
}

/** A limit of source-limits.ts passed, as an error at its position; null when within them. */
export function sourceLimitErrors(text: string): SweepSourceError[] | null {
  const limit = sweepSourceLimitError(text);
  return limit ? [{ message: limit.message, path: '', line: limit.line, column: limit.column, endLine: limit.line, endColumn: limit.column + 1 }] : null;
}

export function parseSweepSource(text: string, format: 'yaml' | 'json' = 'yaml'): ParseSweepResult {
  // Before any parser: deep nesting and alias bombs are what take a parser down.
  const limited = sourceLimitErrors(text);
  if (limited) return { ok: false, errors: limited };
  if (format === 'json') {
    const jsonError = strictJsonError(text);
    if (jsonError) return { ok: false, errors: [jsonError] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const [start, end] = e.linePos ?? [{ line: 1, col: 1 }];
        return { message: e.message.split('\n')[0], path: '', line: start.line, column: start.col, endLine: (end ?? start).line, endColumn: (end ?? start).col };
      }),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: SWEEP_SOURCE_LIMITS.aliases });
  } catch (err) {
    // yaml reports both an alias bomb and an alias to no anchor only when it builds the value.
    const message = isAliasExpansionError(err)
      ? `the sweep config's aliases expand to more than ${SWEEP_SOURCE_LIMITS.aliases} copies; the limit is ${SWEEP_SOURCE_LIMITS.aliases}`
      : unresolvedAliasMessage(err);
    if (!message) throw err;
    return { ok: false, errors: [{ message, path: '', line: 1, column: 1, endLine: 1, endColumn: 1 }] };
  }
  if (raw === null || raw === undefined) {
    return { ok: false, errors: [{ message: 'the sweep config is empty: it needs at least method and parameters', path: '', line: 1, column: 1, endLine: 1, endColumn: 1 }] };
  }
  markFloatRanges(doc, raw, text);
  const parsed = SweepSpecSchema.safeParse(raw);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => locateIssue(issue, doc, lineCounter)) };
}

/** Validates a sweep config given as an object (a W&B dict in cell code); errors carry line 0. */
export function validateSweepConfig(config: unknown): ParseSweepResult {
  const tooDeep = sweepObjectLimitError(config);
  if (tooDeep) return { ok: false, errors: [{ message: tooDeep, path: '', line: 0, column: 0, endLine: 0, endColumn: 0 }] };
  const parsed = SweepSpecSchema.safeParse(config);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = formatPath(issuePath(issue));
      return { message: withPath(path, issue.message), path, line: 0, column: 0, endLine: 0, endColumn: 0 };
    }),
  };
}

/** Thrown by toSweepSpec; `errors` lists every problem found. */
export class SweepSpecError extends Error {
  constructor(readonly errors: SweepSourceError[]) {
    super(`invalid sweep config:\n${errors.map((e) => (e.line ? `  line ${e.line}: ${e.message}` : `  ${e.message}`)).join('\n')}`);
    this.name = 'SweepSpecError';
  }
}

/** YAML/JSON text or a W&B config object (already-normalized specs pass through unchanged). */
export function toSweepSpec(input: string | unknown): SweepSpec {
  const result = typeof input === 'string' ? parseSweepSource(input) : validateSweepConfig(input);
  if (!result.ok) throw new SweepSpecError(result.errors);
  return result.spec;
}

/** The path an issue is about; for unknown keys, the (first) unknown key itself. */
function issuePath(issue: z.core.$ZodIssue): Path {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
  return issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path;
}

function locateIssue(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): SweepSourceError {
  const path = issuePath(issue);
  const node = nearestNode(doc, path, issue.code === 'unrecognized_keys');
  const range = node?.range ?? [0, 0, 0];
  const start = lines.linePos(range[0]);
  const end = lines.linePos(range[1]);
  const dotted = formatPath(path);
  return { message: withPath(dotted, issue.message), path: dotted, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * The node a path names, or its nearest existing ancestor (a missing key points at the mapping
 * that should hold it). Unknown keys point at the key itself, so the marker sits on the typo.
 */
function nearestNode(doc: Document, path: Path, preferKey: boolean): YamlNode | null {
  for (let n = path.length; n >= 1; n--) {
    const parent: unknown = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const key = path[n - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair) return (preferKey && n === path.length) || !pair.value ? (pair.key as YamlNode) : (pair.value as YamlNode);
    } else if (isSeq(parent) && typeof key === 'number' && parent.items[key]) {
      return parent.items[key] as YamlNode;
    }
  }
  return (doc.contents as YamlNode | null) ?? null;
}

/**
 * W&B infers `uniform` when min or max is a float and `int_uniform` when both are integers.
 * JavaScript numbers cannot tell `1.0` from `1`, so read the literal from the source and make
 * the inference explicit for ranges written with a decimal point or exponent.
 */
function markFloatRanges(doc: Document, raw: unknown, text: string, path: Path = ['parameters']): void {
  const params = doc.getIn(path, true);
  const rawParams = getIn(raw, path);
  if (!isMap(params) || !isRecord(rawParams)) return;
  for (const pair of params.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const name = String(pair.key.value);
    const rawParam = rawParams[name];
    if (!isRecord(rawParam)) continue;
    if ('parameters' in rawParam) {
      markFloatRanges(doc, raw, text, [...path, name, 'parameters']);
      continue;
    }
    if ('distribution' in rawParam || !('min' in rawParam) || !('max' in rawParam)) continue;
    const floatLiteral = ['min', 'max'].some((k) => {
      const node = pair.value && isMap(pair.value) ? pair.value.get(k, true) : undefined;
      return isScalar(node) && typeof node.value === 'number' && node.range && /[.eE]/.test(text.slice(node.range[0], node.range[1]));
    });
    if (floatLiteral) rawParam.distribution = 'uniform';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (isRecord(v) ? v[String(k)] : undefined), value);
}

/** JSON.parse's complaint with its position turned into line/column, or null if the text is JSON. */
function strictJsonError(text: string): SweepSourceError | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    return { message: `invalid JSON: ${message}`, path: '', line, column, endLine: line, endColumn: column + 1 };
  }
}

/** `*x` with no `&x` before it: yaml throws a ReferenceError naming the alias. */
function unresolvedAliasMessage(err: unknown): string | null {
  if (!(err instanceof ReferenceError) || !/Unresolved alias/.test(err.message)) return null;
  const name = /:\s*(\S+)\s*$/.exec(err.message)?.[1];
  return `the alias ${name ? `*${name} ` : ''}refers to no anchor: define it with &${name ?? 'name'} before using it`;
}
