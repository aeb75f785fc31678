/** "unknown key" messages that suggest the nearest known key, so `valuez:` says `values`. */

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The known word within two edits of `word` (the nearest), or undefined. */
export function nearestWord(word: string, known: readonly string[]): string | undefined {
  let near: string | undefined;
  let best = 2.75;
  for (const c of known) {
    // Ties go to the same length: `valuez` is a typo of `values` more likely than of `value`.
    const d = editDistance(c, word) + (c.length === word.length ? 0 : 0.5);
    if (d < best) [near, best] = [c, d];
  }
  return near;
}

/** `"valuez" (did you mean "values"?)` for each key within two edits of a known one (the nearest). */
export function describeUnknownKeys(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((k) => {
      const near = nearestWord(k, known);
      return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
    })
    .join(', ');
}

/** `expected one of a, b, c; got "x"`, and `(did you mean "b"?)` when "x" is a typo of one. */
export function describeBadChoice(input: unknown, choices: readonly string[]): string {
  const near = typeof input === 'string' ? nearestWord(input, choices) : undefined;
  return `expected one of ${choices.join(', ')}; got ${JSON.stringify(input)}${near ? ` (did you mean "${near}"?)` : ''}`;
}
