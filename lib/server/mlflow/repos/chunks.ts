/**
 * Runs a query per chunk of ids and concatenates the rows: SQLite binds at most 32,766 values
 * per statement and a search may return up to 50,000 runs.
 */
export async function inChunks<T>(ids: readonly string[], query: (chunk: string[]) => Promise<T[]>, size = 500): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await query(ids.slice(i, i + size))));
  return out;
}

/** Groups rows by run id into key → value maps. */
export function groupByRun<R extends { run_id: string; key: string }, V>(rows: readonly R[], valueOf: (r: R) => V): Map<string, Map<string, V>> {
  const out = new Map<string, Map<string, V>>();
  for (const r of rows) {
    let m = out.get(r.run_id);
    if (!m) out.set(r.run_id, (m = new Map()));
    m.set(r.key, valueOf(r));
  }
  return out;
}
