/**
 * JSON text with what JSON.stringify cannot write: integers past 2^53 and 2^63 as digits, `1e400`,
 * `-0`, nesting thousands deep. A `RawJson` leaf is emitted verbatim; everything else as
 * JSON.stringify would (lone surrogates escaped, as ES2019 does).
 */
export class RawJson {
  constructor(readonly text: string) {}
  toString(): string {
    return `RawJson(${this.text.length > 80 ? `${this.text.slice(0, 80)}…` : this.text})`;
  }
}

export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJsonText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(k)}:${toJsonText(v)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
