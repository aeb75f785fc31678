/**
 * Stable run colours: a run keeps its colour in every chart, page and report, because the colour
 * comes from a hash of its id, not from its position in a list. The palette is Paul Tol's
 * "muted" scheme without its two palest colours (sand and cyan are hard to see as thin lines on
 * white) plus two of his "bright" colours, chosen to stay apart for the common forms of colour
 * blindness (https://personal.sron.nl/~pault/).
 */
export const RUN_PALETTE = ['#332288', '#44aa99', '#117733', '#999933', '#cc6677', '#882255', '#aa4499', '#4477aa', '#ee6677'] as const;

/** FNV-1a, 32 bits: fast, and well spread for short ids. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour of one run on its own. */
export function runColor(id: string): string {
  return RUN_PALETTE[hashId(id) % RUN_PALETTE.length];
}

/**
 * Colours for a set of runs shown together: each run gets its hashed colour, and when two runs of
 * the set hash to the same one, the later (by id) moves to the next free palette slot, so runs
 * side by side never share a colour while the set fits in the palette. Deterministic: the same
 * set always gets the same colours, whatever the order it is given in.
 */
export function runColors(ids: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  const taken = new Set<number>();
  for (const id of [...new Set(ids)].sort()) {
    let slot = hashId(id) % RUN_PALETTE.length;
    for (let tries = 0; taken.has(slot) && tries < RUN_PALETTE.length; tries++) slot = (slot + 1) % RUN_PALETTE.length;
    if (taken.size < RUN_PALETTE.length) taken.add(slot);
    else slot = hashId(id) % RUN_PALETTE.length; // palette full: back to the plain hash
    colors.set(id, RUN_PALETTE[slot]);
  }
  return colors;
}
