import fc from 'fast-check';
import { RawJson } from './json-text';
import { deepJson, hostileJson, hostileNumber, hostileScalar, hostileString } from './hostile';

/**
 * Bodies one step away from a valid one: pick a place in a valid seed (any field, any array
 * item, any nesting level) and delete it, replace it with a hostile value, nest something deep
 * there, repeat an array item many times, or add an unknown field beside it. Validation code
 * that only ever saw valid bodies and fully random ones breaks on exactly these.
 */

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value instanceof RawJson) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

type Op =
  | { kind: 'delete' }
  | { kind: 'replace'; value: unknown }
  /** Keeps the JSON type (number → number, string → string): gets past type checks to the database. */
  | { kind: 'same-type'; number: unknown; string: string }
  | { kind: 'repeat'; times: number } | { kind: 'add'; key: string; value: unknown };

function apply(seed: unknown, path: Path, op: Op): unknown {
  if (path.length === 0) {
    if (op.kind === 'replace') return op.value;
    if (op.kind === 'same-type') return typeof seed === 'number' ? op.number : typeof seed === 'string' ? op.string : seed;
    if (op.kind === 'add' && seed !== null && typeof seed === 'object' && !Array.isArray(seed)) return { ...seed, [op.key]: op.value };
    return op.kind === 'delete' ? undefined : seed;
  }
  const [head, ...rest] = path;
  if (Array.isArray(seed)) {
    const copy = [...seed];
    const i = head as number;
    if (rest.length > 0) copy[i] = apply(copy[i], rest, op);
    else if (op.kind === 'delete') copy.splice(i, 1);
    else if (op.kind === 'repeat') copy.splice(i, 0, ...Array<unknown>(op.times).fill(copy[i]));
    else copy[i] = apply(copy[i], [], op);
    return copy;
  }
  const obj = { ...(seed as Record<string, unknown>) };
  const key = head as string;
  if (rest.length > 0) obj[key] = apply(obj[key], rest, op);
  else if (op.kind === 'delete') delete obj[key];
  else obj[key] = apply(obj[key], [], op);
  return obj;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Op>({ kind: 'delete' }) },
  { weight: 10, arbitrary: fc.record({ number: hostileNumber, string: hostileString }).map((v): Op => ({ kind: 'same-type', ...v })) },
  { weight: 8, arbitrary: hostileScalar.map((value): Op => ({ kind: 'replace', value })) },
  { weight: 3, arbitrary: hostileJson.map((value): Op => ({ kind: 'replace', value })) },
  { weight: 1, arbitrary: deepJson.map((value): Op => ({ kind: 'replace', value })) },
  { weight: 1, arbitrary: fc.constantFrom(2, 1_001, 2_500).map((times): Op => ({ kind: 'repeat', times })) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), hostileJson).map(([key, value]): Op => ({ kind: 'add', key, value })) },
);

/** Bodies derived from `seeds` (each a valid body) by one mutation, or two for variety. */
export function nearValid(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  const once = (seed: unknown) => {
    const paths = pathsOf(seed);
    // Leaves first: a same-type change of a leaf is the mutation most likely to pass validation.
    const leaves = paths.filter((p) => {
      const v = valueAt(seed, p);
      return v === null || typeof v !== 'object';
    });
    const pick = (list: Path[]) => fc.nat({ max: list.length - 1 }).map((i) => list[i]);
    const path = fc.oneof(pick(paths), pick(leaves.length > 0 ? leaves : paths));
    return fc.tuple(path, op).map(([p, o]) => apply(seed, p, o));
  };
  const mutated = fc.constantFrom(...seeds).chain(once);
  return fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: mutated.chain(once) });
}
