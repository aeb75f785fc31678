import { CLASS_CODE_ALPHABET, CLASS_CODE_LENGTH } from './api';

/**
 * What a student typed into "class code", made forgiving: lower case, spaces and dashes (a code
 * read off a projector as `abc 23x` or `ABC-23X`) are accepted. The alphabet has no look-alikes
 * (no 0/O, 1/I/L), so a typed `O` or `1` cannot be mapped to one letter: it is explained instead.
 */
export type ClassCodeInput = { ok: true; code: string } | { ok: false; error: string };

const LOOK_ALIKES = new Set(['0', 'O', '1', 'I', 'L']);

export function parseClassCodeInput(input: string): ClassCodeInput {
  const code = input.toUpperCase().replace(/[\s\-_.]+/g, '');
  if (code === '') return { ok: false, error: `Type the ${CLASS_CODE_LENGTH}-character code your teacher shows.` };
  const foreign = [...code].filter((c) => !CLASS_CODE_ALPHABET.includes(c));
  if (foreign.some((c) => LOOK_ALIKES.has(c))) {
    return { ok: false, error: 'Class codes never contain 0, O, 1, I or L (they look too much alike): check the code again.' };
  }
  if (foreign.length > 0) {
    return { ok: false, error: `“${foreign[0]}” cannot be in a class code: codes use the letters A–Z (without I, L, O) and the digits 2–9.` };
  }
  if (code.length !== CLASS_CODE_LENGTH) {
    return { ok: false, error: `A class code has ${CLASS_CODE_LENGTH} characters; this one has ${code.length}.` };
  }
  return { ok: true, code };
}
