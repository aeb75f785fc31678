/**
 * An incremental parser for `text/event-stream` (the subset the server sends: `event:`, `data:`,
 * comments). Fed arbitrary chunks, it yields whole events: a chunk may end mid-line or mid-event,
 * and lines may end in \n, \r\n or \r, as the SSE spec allows.
 */
export interface SseEvent {
  /** "message" when the event had no `event:` line. */
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  /** The previous chunk ended in \r: a \n starting this one belongs to that line end. */
  private skipLf = false;

  /** Feeds one decoded chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    if (this.skipLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    if (chunk !== '') this.skipLf = false;
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      if (m[0] === '\r' && this.buffer === '') this.skipLf = true;
      const done = this.line(line);
      if (done) out.push(done);
    }
    return out;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      // A blank line dispatches; an event with no data lines is dropped (as browsers do).
      const ev = this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null;
      this.event = '';
      this.data = [];
      return ev;
    }
    if (line.startsWith(':')) return null; // comment (`: ping`)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }
}
