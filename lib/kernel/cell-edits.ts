/**
 * A minimal "magic string": replacements over a source text that remember where each output
 * character came from, so positions in the rewritten cell map back to the cell.
 */

export interface Edit {
  /** Replace input[start, end) with `text` (start === end inserts; inserts at one point keep their order). */
  start: number;
  end: number;
  text: string;
}

interface Segment {
  outStart: number;
  outEnd: number;
  inStart: number;
  /** Copied text maps character by character; inserted text maps to its input position. */
  copied: boolean;
}

export interface EditedText {
  text: string;
  /** 0-based offset in `text` → 0-based offset in the input. */
  toInputOffset(offset: number): number;
}

export function applyEdits(input: string, edits: Edit[]): EditedText {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const segments: Segment[] = [];
  let text = '';
  let cursor = 0;
  const push = (chunk: string, inStart: number, copied: boolean) => {
    if (!chunk) return;
    segments.push({ outStart: text.length, outEnd: text.length + chunk.length, inStart, copied });
    text += chunk;
  };
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at ${edit.start}`);
    push(input.slice(cursor, edit.start), cursor, true);
    push(edit.text, edit.start, false);
    cursor = edit.end;
  }
  push(input.slice(cursor), cursor, true);
  return {
    text,
    toInputOffset(offset) {
      for (const s of segments) {
        if (offset >= s.outStart && offset < s.outEnd) return s.copied ? s.inStart + (offset - s.outStart) : s.inStart;
      }
      return input.length;
    },
  };
}

/** Line/column (1-based) ↔ offset (0-based) for one text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  offset(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    return start + Math.max(column, 1) - 1;
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
