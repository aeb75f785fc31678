/**
 * Bounds on JSON that code after the parser relies on. `JSON.parse` itself handles any depth,
 * but JSON.stringify, zod and every recursive walk after it overflow the stack near 10,000
 * levels, and PostgreSQL refuses text holding U+0000. So depth is measured on the text before
 * parsing (a linear scan, no recursion), and NUL characters are found with an explicit stack.
 * Pure: shared by the server's body readers and the browser's sweep-cell parser.
 */

export const JSON_LIMITS = {
  /** Deepest nesting of a user-supplied value (a run's config, a sweep spec, artifact meta). */
  valueDepth: 64,
  /** Deepest nesting of a whole request body: a value's limit plus room for the envelope. */
  bodyDepth: 100,
} as const;

/**
 * How deep the brackets of a JSON text nest (`{}` is 1, `{"a":[]}` is 2), counting only outside
 * strings. Stops counting past `stopAbove` and returns stopAbove + 1: callers only need to know
 * that the limit was passed, and the scan stays cheap on a hostile body.
 */
export function jsonTextDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return max;
}

/** Depth of a parsed value (an object or array is 1 plus its deepest child), stopping past `stopAbove`. */
export function valueDepth(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) {
      max = depth;
      if (max > stopAbove) return max;
    }
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return max;
}

/** The dotted path of the first string or key holding U+0000, or null when there is none. */
export function findNulPath(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [key, child] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return at;
      stack.push([child, at]);
    }
  }
  return null;
}

/** Fast pre-check on JSON text: U+0000 can only appear as the escape `\u0000`. */
export const mayHoldNul = (jsonText: string): boolean => /\\u0000/i.test(jsonText);

/** "5,000" — limits and sizes in messages read better with separators. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
