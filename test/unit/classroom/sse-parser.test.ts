import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '@/lib/classroom/sse-parser';

const STREAM = ': ping\n\nevent: leaderboard\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\nevent: ended\ndata: {}\n\n';
const EXPECTED: SseEvent[] = [
  { event: 'leaderboard', data: '{"a":1}' },
  { event: 'message', data: 'line one\nline two' },
  { event: 'ended', data: '{}' },
];

describe('SseParser', () => {
  it('yields whole events, skipping comments, joining data lines', () => {
    expect(new SseParser().push(STREAM)).toEqual(EXPECTED);
  });

  it('accepts \\r\\n and \\r line ends, and a \\r\\n split across chunks', () => {
    expect(new SseParser().push(STREAM.replace(/\n/g, '\r\n'))).toEqual(EXPECTED);
    expect(new SseParser().push(STREAM.replace(/\n/g, '\r'))).toEqual(EXPECTED);
    const p = new SseParser();
    const crlf = STREAM.replace(/\n/g, '\r\n');
    const cut = crlf.indexOf('\r\n') + 1; // between \r and \n
    expect([...p.push(crlf.slice(0, cut)), ...p.push(crlf.slice(cut))]).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 12 }), fc.boolean(), (cuts, crlf) => {
        const text = crlf ? STREAM.replace(/\n/g, '\r\n') : STREAM;
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
        const p = new SseParser();
        const out: SseEvent[] = [];
        let at = 0;
        for (const c of [...points, text.length]) {
          out.push(...p.push(text.slice(at, c)));
          at = c;
        }
        expect(out).toEqual(EXPECTED);
      }),
    );
  });

  it('holds an unfinished event until its blank line arrives, and drops events without data', () => {
    const p = new SseParser();
    expect(p.push('event: leaderboard\ndata: {"x"')).toEqual([]);
    expect(p.push(':1}\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'leaderboard', data: '{"x":1}' }]);
    expect(p.push('event: nothing\n\n')).toEqual([]);
  });
});
