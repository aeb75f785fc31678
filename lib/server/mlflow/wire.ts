import { z } from 'zod';
import { fromWireNumber } from '@/lib/track/wire-number';
import { invalidParameter } from './errors';

/**
 * Request fields as MLflow's protobuf-JSON accepts them: int64 as a number or a decimal string,
 * doubles also as "NaN" / "Infinity" / "-Infinity", enums by name or number, repeated fields from
 * a JSON array or from repeated query parameters (GET endpoints). Unknown fields are ignored, as
 * clients send deprecated ones (run_uuid) alongside.
 */

export const int64 = z
  .union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)], { error: 'expected an integer (a JSON number or a string of digits)' })
  // int64 on the wire; this server keeps JavaScript's exact range (±2^53 − 1), inside BIGINT's.
  .pipe(z.number().int(`expected a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} (±2^53 − 1)`));

export const double = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform(fromWireNumber),
  z.string().regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/).transform(Number),
], { error: 'expected a number, or one of "NaN", "Infinity", "-Infinity"' });

export const stringList = z.union([z.string(), z.array(z.string())], { error: 'expected a list of strings' }).transform((v) => (Array.isArray(v) ? v : [v]));

export const KeyValue = z.object({ key: z.string(), value: z.string() });

/** An enum field: by name, or by its protobuf number (1-based, in declaration order). */
export function protoEnum<const T extends readonly [string, ...string[]]>(names: T) {
  return z.union(
    [
      z.enum(names),
      z
        .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
        .pipe(z.number().int().min(1).max(names.length))
        .transform((n) => names[n - 1] as T[number]),
    ],
    { error: `expected one of ${names.join(', ')}` },
  );
}

export const ViewType = protoEnum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);
export type ViewType = z.infer<typeof ViewType>;
export const RunStatusName = protoEnum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

export const LIFECYCLE_OF_VIEW: Record<ViewType, readonly string[]> = {
  ACTIVE_ONLY: ['active'],
  DELETED_ONLY: ['deleted'],
  ALL: ['active', 'deleted'],
};

/** Parses a request with MLflow's messages: "Missing value for required parameter 'x'…". */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'request';
  if (valueAt(input, issue.path) === undefined) {
    throw invalidParameter(`Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`);
  }
  const shown = issue.input === undefined ? '' : ` ${JSON.stringify(issue.input)?.slice(0, 100)}`;
  throw invalidParameter(`Invalid value${shown} for parameter '${field}' supplied: ${issue.message}`);
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = input;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** `run_id`, or the deprecated `run_uuid` older clients send. */
export const RunRef = { run_id: z.string().optional(), run_uuid: z.string().optional() };

export function runIdOf(req: { run_id?: string; run_uuid?: string }): string {
  const id = req.run_id || req.run_uuid;
  if (!id) throw invalidParameter("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
  return id;
}

/** max_results within [1, limit], or the default when absent. */
export function maxResultsOf(value: number | undefined, fallback: number, limit: number): number {
  if (value === undefined) return fallback;
  if (value < 1 || value > limit) {
    throw invalidParameter(`Invalid value ${value} for parameter 'max_results' supplied: it must be between 1 and ${limit.toLocaleString('en-US')}`);
  }
  return value;
}
