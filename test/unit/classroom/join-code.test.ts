import { describe, expect, it } from 'vitest';
import { ClassCode } from '@/lib/classroom/api';
import { parseClassCodeInput } from '@/lib/classroom/join-code';

describe('parseClassCodeInput', () => {
  it('accepts lower case, spaces and dashes, and gives the code the server accepts', () => {
    for (const typed of ['k7qx2m', ' K7Q X2M ', 'k7q-x2m', 'K7Q.X2M']) {
      const parsed = parseClassCodeInput(typed);
      expect(parsed).toEqual({ ok: true, code: 'K7QX2M' });
      if (parsed.ok) expect(ClassCode.parse(parsed.code)).toBe('K7QX2M');
    }
  });

  it('explains look-alikes instead of guessing (the alphabet has no 0, O, 1, I or L)', () => {
    for (const typed of ['K7QX0M', 'k7qxom', 'K7QX1M', 'K7QXIM', 'K7QXLM']) {
      const parsed = parseClassCodeInput(typed);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/never contain 0, O, 1, I or L/);
    }
  });

  it('names a foreign character, a wrong length and an empty input', () => {
    expect(parseClassCodeInput('K7QX#M')).toEqual({ ok: false, error: expect.stringContaining('“#” cannot be in a class code') });
    expect(parseClassCodeInput('K7QX2')).toEqual({ ok: false, error: 'A class code has 6 characters; this one has 5.' });
    expect(parseClassCodeInput('K7QX2MM')).toEqual({ ok: false, error: 'A class code has 6 characters; this one has 7.' });
    expect(parseClassCodeInput('  ')).toEqual({ ok: false, error: expect.stringContaining('Type the 6-character code') });
  });
});
