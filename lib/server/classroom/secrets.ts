import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CLASS_CODE_ALPHABET, CLASS_CODE_LENGTH, STUDENT_TOKEN_PREFIX } from '@/lib/classroom/api';

/** Random ids, class codes and student tokens: all from node:crypto, never Math.random. */

export const newClassId = () => `cl-${randomBytes(9).toString('base64url')}`;
export const newStudentId = () => `st-${randomBytes(9).toString('base64url')}`;

/** 6 characters from the look-alike-free alphabet: 31^6 ≈ 887 million codes. */
export function newClassCode(): string {
  let code = '';
  for (let i = 0; i < CLASS_CODE_LENGTH; i++) code += CLASS_CODE_ALPHABET[randomInt(CLASS_CODE_ALPHABET.length)];
  return code;
}

/** `bts_` + 256 random bits. Only its sha256 is stored (tokenSha256). */
export const newStudentToken = () => `${STUDENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const tokenSha256 = (token: string) => createHash('sha256').update(token).digest('hex');
