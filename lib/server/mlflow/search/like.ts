/**
 * SQL LIKE for MLflow filters without regular expressions. `%` is any run of characters, `_`
 * exactly one, everything else itself; there is no escape character (MLflow documents none and
 * SQLite's LIKE has none), so `\`, `.`, `-` and `[` are plain characters. ILIKE folds case per
 * character. Characters are Unicode code points, as the `u` regex flag counted them.
 *
 * A regex built from the pattern backtracked exponentially on `%a%a%a…%b` (14.7 s for one
 * request) and threw on `-`. This matcher is greedy with backtracking to the last `%` only,
 * which is correct for LIKE and takes at most O(value · pattern) steps, O(value + pattern) for
 * patterns whose segments do not repeat themselves.
 */

/** Longest LIKE/ILIKE pattern a filter may carry (characters). */
export const MAX_LIKE_PATTERN_CHARS = 1000;

export interface LikeMatcher {
  test(value: string): boolean;
}

const ANY_RUN = -1;
const ANY_ONE = -2;

/** Case folding that keeps one code point per code point (so `_` still counts one). */
function fold(cp: number): number {
  const lower = String.fromCodePoint(cp).toLowerCase();
  return lower.length === 1 || lower.codePointAt(0)! > 0xffff ? lower.codePointAt(0)! : cp;
}

function codePoints(s: string, caseInsensitive: boolean): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out.push(caseInsensitive ? fold(cp) : cp);
  }
  return out;
}

export function compileLike(pattern: string, caseInsensitive: boolean): LikeMatcher {
  const tokens: number[] = [];
  for (const cp of codePoints(pattern, caseInsensitive)) {
    if (cp === 0x25 /* % */) {
      if (tokens[tokens.length - 1] !== ANY_RUN) tokens.push(ANY_RUN); // %% is one %
    } else {
      tokens.push(cp === 0x5f /* _ */ ? ANY_ONE : cp);
    }
  }
  return { test: (value) => matchTokens(tokens, codePoints(value, caseInsensitive)) };
}

function matchTokens(p: readonly number[], s: readonly number[]): boolean {
  let pi = 0;
  let si = 0;
  // Where the last % was in the pattern, and where in the value its run would end next time.
  let star = -1;
  let resume = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === ANY_ONE || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === ANY_RUN) {
      star = pi++;
      resume = si;
    } else if (star >= 0) {
      // Let the last % swallow one more character and retry the rest from there.
      pi = star + 1;
      si = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === ANY_RUN) pi++;
  return pi === p.length;
}
