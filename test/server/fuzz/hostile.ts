import fc from 'fast-check';
import { RawJson } from './json-text';

/**
 * Values a stranger may send: the strings and numbers that broke servers before (NUL bytes,
 * lone surrogates, integers past 2^63 as numbers and as strings, NaN-like words, very long
 * text), mixed with fast-check's own strings and numbers.
 */

const SPECIAL_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ud83d\ude00', '\u202e', '\r\n', '\t',
  'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e999', '-1e999', '-0', '0x10', ' 1', '1 ', '1.5', '-1',
  '9223372036854775807', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '99999999999999999999999999',
  'null', 'true', 'undefined', '[]', '{}', '%', '%00', '%zz', '..', '../../etc/passwd', '/', '\\', "'", "' OR 1=1 --", '"', '`',
  '${x}', '<script>', '__proto__', 'constructor', 'prototype', 'toString', '0', 'default', 'run_id', 'a-b', '%a%b%', '_', '\\-',
  'attribute.run_name LIKE "%-%"', "params.lr = '0.1'", 'metrics.loss > 1e999',
];

const SPECIAL_NUMBERS = [
  0, -0, 1, -1, 0.5, -0.5, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 63, -(2 ** 63), 2 ** 64, 1e21, 1e300,
  -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON,
];

/** Number literals only raw JSON text can carry (JSON.parse turns them into rounded doubles or ±Infinity). */
const RAW_NUMBERS = [
  '9223372036854775807', '9223372036854775808', '-9223372036854775809', '18446744073709551616', '123456789012345678901234567890',
  '1e400', '-1e400', '1e-400', '-0', '1.0', '0.0000000000000000000000001', '1E2',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // Past every field limit (64, 128, 250, 256, 5,000, 6,000 characters) and then some.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(65, 129, 251, 257, 501, 4001, 5001, 6001, 70_000), fc.constantFrom('a', '\u0000', 'é', '\ud800', '%')).map(([n, c]) => c.repeat(n)) },
);

export const hostileNumber: fc.Arbitrary<number | RawJson> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_NUMBERS) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS).map((t) => new RawJson(t)) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((n) => new RawJson(n.toString())) },
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 4, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
);

const hostileKey = fc.oneof(hostileString, fc.constantFrom('id', 'name', 'key', 'value', 'points', 'series', 'spec', 'agentId', 'run_id', 'experiment_id'));

/** Arbitrary JSON a few levels deep with hostile leaves and keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('node'), { maxLength: 6 }),
    fc.dictionary(hostileKey, tie('node'), { maxKeys: 6 }),
  ),
})).node;

/** A value nested `depth` levels deep in arrays or objects (parsers and recursive walkers). */
export const deepJson: fc.Arbitrary<RawJson> = fc
  .tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean())
  .map(([depth, asArray]) => new RawJson(asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
