/**
 * Unpaired UTF-16 surrogates ("\ud800" without its partner, e.g. an emoji cut in half by a
 * `slice`) have no UTF-8 form. Each database stores them differently — PostgreSQL as one U+FFFD,
 * SQLite as three — so a 200-character name came back 600 long from SQLite, over its own limit.
 * Request values are made well-formed once, right after parsing: each lone surrogate becomes
 * U+FFFD, the same on both databases, and lengths checked on the way in stay true.
 */

const LONE_SURROGATE = /\p{Cs}/gu;

/** String.prototype.toWellFormed (ES2024, beyond this project's lib). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Fast pre-check on JSON text: a lone surrogate can only arrive as a `\udxxx` escape (UTF-8 has none). */
export const mayHoldLoneSurrogate = (jsonText: string): boolean => /\\u[dD][89a-fA-F]/.test(jsonText);

/** The parsed value with every string and key well-formed (rebuilt only where something changed). */
export function wellFormedValue<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (value === null || typeof value !== 'object') return value;
  // Iterative: a body may nest up to the body-depth limit and a walker must not recurse per level.
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (typeof child === 'string') node[key] = wellFormed(child);
      else if (child !== null && typeof child === 'object') stack.push(child);
      const fixed = wellFormed(key);
      if (fixed !== key && !Array.isArray(node)) {
        node[fixed] = node[key];
        delete node[key];
      }
    }
  }
  return value;
}
