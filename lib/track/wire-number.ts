import { z } from 'zod';

/**
 * JSON cannot carry NaN or ±Infinity, but a diverging loss is exactly when a user needs to see
 * them. On the wire a metric value is a number, or one of these three strings.
 */
export const NonFiniteToken = z.enum(['NaN', 'Infinity', '-Infinity']);
export type NonFiniteToken = z.infer<typeof NonFiniteToken>;

/** A number as it travels in JSON: finite numbers as themselves, the rest as tokens. */
export type WireNumber = number | NonFiniteToken;

export function toWireNumber(value: number): WireNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function fromWireNumber(value: WireNumber): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  return value === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Parses a wire number into a JS number (NaN and ±Infinity included). */
export const WireNumberSchema = z.union([z.number(), NonFiniteToken]).transform(fromWireNumber);
