/** A digit module as bundlers and Node import JSON: with or without a `default` wrapper. */
export type DigitModule = { data: number[] } | { default: { data: number[] } };

export declare const DIGIT_LOADERS: readonly (() => Promise<DigitModule>)[];
