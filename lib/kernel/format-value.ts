/**
 * Display text for values, as a REPL shows them: tensors and models through their own printers,
 * everything else through a bounded inspector (depth, length and cycles limited so printing a
 * huge object never stalls the kernel).
 */

interface Printable {
  /** tf.Tensor */
  dtype?: unknown;
  shape?: unknown;
  toString?: (verbose?: boolean) => string;
  /** tf.LayersModel */
  summary?: (lineLength?: number, positions?: number[], printFn?: (message?: unknown) => void) => void;
}

const MAX_ITEMS = 100;
const MAX_DEPTH = 4;
const MAX_STRING = 10_000;

export function formatValue(value: unknown): string {
  return inspect(value, 0, new Set());
}

/** console.log semantics: strings print bare, the rest as values, joined by spaces. */
export function formatLogArgs(args: unknown[]): string {
  return args.map((a) => (typeof a === 'string' ? a : inspect(a, 0, new Set()))).join(' ');
}

function isTensor(v: Printable): boolean {
  return typeof v.dtype === 'string' && Array.isArray(v.shape) && typeof v.toString === 'function';
}

function isLayersModel(v: Printable): boolean {
  return typeof v.summary === 'function' && 'layers' in (v as object);
}

function inspect(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
    case 'object':
      return value === null ? 'null' : inspectObject(value, depth, seen);
  }
}

function inspectObject(value: object, depth: number, seen: Set<object>): string {
  const p = value as Printable;
  if (isTensor(p)) return p.toString!(true);
  if (isLayersModel(p)) {
    const lines: string[] = [];
    p.summary!(90, undefined, (m) => lines.push(String(m)));
    return lines.join('\n');
  }
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const arr = value as unknown as ArrayLike<number>;
      return `${value.constructor.name}(${arr.length}) ${list(Array.from({ length: Math.min(arr.length, MAX_ITEMS) }, (_, i) => inspect(arr[i], depth + 1, seen)), arr.length, '[', ']')}`;
    }
    if (Array.isArray(value)) {
      return list(value.slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen)), value.length, '[', ']');
    }
    if (value instanceof Map) {
      const items = [...value].slice(0, MAX_ITEMS).map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`);
      return `Map(${value.size}) ${list(items, value.size, '{', '}')}`;
    }
    if (value instanceof Set) {
      return `Set(${value.size}) ${list([...value].slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen)), value.size, '{', '}')}`;
    }
    const keys = Object.keys(value);
    const items = keys.slice(0, MAX_ITEMS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${inspect((value as Record<string, unknown>)[k], depth + 1, seen)}`);
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
    return `${name}${list(items, keys.length, '{', '}')}`;
  } finally {
    seen.delete(value);
  }
}

function list(items: string[], total: number, open: string, close: string): string {
  if (total > items.length) items.push(`… ${total - items.length} more`);
  if (items.length === 0) return `${open}${close}`;
  const oneLine = `${open} ${items.join(', ')} ${close}`;
  return oneLine.length <= 100 && !oneLine.includes('\n') ? oneLine : `${open}\n${items.map((i) => '  ' + i.replace(/\n/g, '\n  ')).join(',\n')}\n${close}`;
}

function quote(s: string): string {
  const text = s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}… (${s.length} chars)` : s;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
