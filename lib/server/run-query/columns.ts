import { sql, type RawBuilder } from 'kysely';
import type { RunAttr } from '@/lib/track/run-filter';

/** A run attribute's column on `runs r`, whether it may be NULL, and whether it holds a number (ms). */
export interface AttrColumn {
  column: RawBuilder<unknown>;
  nullable: boolean;
  numeric: boolean;
}

const col = (name: string, nullable: boolean, numeric = false): AttrColumn => ({ column: sql.ref(`r.${name}`), nullable, numeric });

export const ATTR_COLUMNS: Record<RunAttr, AttrColumn> = {
  id: col('id', false),
  name: col('name', false),
  status: col('status', false),
  createdAt: col('created_at', false, true),
  updatedAt: col('updated_at', false, true),
  finishedAt: col('finished_at', true, true),
  owner: col('owner', true),
  sweepId: col('sweep_id', true),
  projectId: col('project_id', false),
  notes: col('notes', true),
  deletedAt: col('deleted_at', true, true),
};

/**
 * A number as a BIGINT column compares with it: PostgreSQL refuses "1.5" as a bigint parameter,
 * so fractions are rounded the way that keeps `<`/`>` exact for whole-number columns.
 */
export function integerBound(op: string, v: number): { op: string; value: number } | 'none' | 'all' {
  const max = Number.MAX_SAFE_INTEGER;
  if (v > max) return op === '<' || op === '<=' || op === '!=' ? 'all' : 'none';
  if (v < -max) return op === '>' || op === '>=' || op === '!=' ? 'all' : 'none';
  if (Number.isInteger(v)) return { op, value: v };
  if (op === '=') return 'none';
  if (op === '!=') return 'all';
  // x < 1.5 ⇔ x < 2; x >= 1.5 ⇔ x >= 2; x > 1.5 ⇔ x > 1; x <= 1.5 ⇔ x <= 1.
  return { op, value: op === '<' || op === '>=' ? Math.ceil(v) : Math.floor(v) };
}

/** `x LIKE '%text%'` case-insensitively on both databases, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
