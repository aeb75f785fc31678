import { resolveIdentifier } from './filter';
import { Scanner, SearchSyntaxError } from './scanner';
import type { EntityType, SearchSchema } from './schema';
import type { Searchable } from './evaluate';

/**
 * MLflow's `order_by`: a list of "<identifier> [ASC|DESC]" (ASC by default), e.g.
 * ["metrics.acc DESC", "params.`batch size`", "start_time"]. Things without the value sort last
 * in both directions, and NaN metrics sort after every number, as MLflow's SQL store does.
 */
export interface OrderKey {
  entity: EntityType;
  key: string;
  desc: boolean;
}

export function parseOrderBy(clauses: readonly string[] | undefined, schema: SearchSchema): OrderKey[] {
  return (clauses ?? []).map((text, i) => {
    try {
      const s = new Scanner(text);
      const id = resolveIdentifier(s.identifier(), schema, s, 'order');
      const desc = s.keyword('DESC');
      if (!desc) s.keyword('ASC');
      if (!s.atEnd()) s.fail(`expected ASC or DESC after the column, found ${s.describeNext()}`);
      return { entity: id.entity, key: id.key, desc };
    } catch (err) {
      if (err instanceof SearchSyntaxError) throw new SearchSyntaxError(`order_by[${i}] "${text}": ${err.message}`, err.position);
      throw err;
    }
  });
}

function valueOf(item: Searchable, k: OrderKey): string | number | null | undefined {
  switch (k.entity) {
    case 'metric':
      return item.metrics.get(k.key);
    case 'param':
      return item.params.get(k.key);
    case 'tag':
      return item.tags.get(k.key);
    case 'attribute':
      return item.attributes.get(k.key);
    case 'dataset':
      return undefined; // parseOrderBy refuses datasets.*
  }
}

/** Rank within a column: 0 = a real value, 1 = NaN, 2 = missing; ranks ignore the direction. */
function rank(v: string | number | null | undefined): number {
  if (v === null || v === undefined) return 2;
  return typeof v === 'number' && Number.isNaN(v) ? 1 : 0;
}

export function compareBy(keys: readonly OrderKey[]): (a: Searchable, b: Searchable) => number {
  return (a, b) => {
    for (const k of keys) {
      const va = valueOf(a, k);
      const vb = valueOf(b, k);
      const ra = rank(va);
      const rb = rank(vb);
      if (ra !== rb) return ra - rb;
      if (ra !== 0) continue;
      const c = compareValues(va as string | number, vb as string | number);
      if (c !== 0) return k.desc ? -c : c;
    }
    return 0;
  };
}

/** Numbers numerically; strings by UTF-16 code units (a binary collation); numbers before strings. */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
