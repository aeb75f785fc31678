import { createRng, shuffleInPlace } from '../rng';
import { isMissing, parseNumber, targetProblem, type ColumnInfo } from './column-types';

/** How rows with a missing feature value are handled (rows without a target are always dropped). */
export type MissingPolicy = 'impute' | 'drop';

export interface EncodeOptions {
  target: string;
  missing: MissingPolicy;
  /** Fraction of rows held out for validation. */
  validationSplit: number;
  seed: number;
}

/** What encoding did to the data, shown to the user and recorded in the run's config. */
export interface EncodeReport {
  rowsUsed: number;
  droppedNoTarget: number;
  droppedMissingFeature: number;
  /** Per column: how many cells were filled and with what (train mean, or train mode). */
  imputed: { column: string; count: number; value: string }[];
  /** Text columns are not features. */
  ignoredColumns: string[];
}

export interface EncodedSplit {
  /** rows × numFeatures, row-major. */
  x: Float32Array;
  /** Class index per row. */
  y: Int32Array;
  rows: number;
}

export interface EncodedTable {
  train: EncodedSplit;
  validation: EncodedSplit;
  numFeatures: number;
  /** One name per input column: numeric columns as is, categorical as "column=value". */
  featureNames: string[];
  classes: string[];
  report: EncodeReport;
}

interface Feature {
  column: number;
  encode(cell: string | undefined, out: Float32Array, at: number): void;
  width: number;
  names: string[];
}

/**
 * Table → model inputs. The split is made first and every statistic (mean, standard deviation,
 * mode, categories) comes from the training rows only, so validation rows never leak into them.
 * Numeric columns are standardized; categorical ones one-hot encoded (an unseen value: all zeros).
 */
export function encodeTable(header: string[], rows: string[][], columns: ColumnInfo[], options: EncodeOptions): EncodedTable {
  const { target, missing, validationSplit, seed } = options;
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) throw new RangeError(`table: no column "${target}" (columns: ${header.join(', ')})`);
  const problem = targetProblem(columns[targetIndex]);
  if (problem) throw new RangeError(`table: ${problem}`);
  if (!(validationSplit > 0 && validationSplit < 1)) throw new RangeError(`table: validationSplit must be in (0, 1), got ${validationSplit}`);

  const featureColumns = columns.map((c, i) => ({ ...c, index: i })).filter((c) => c.index !== targetIndex && c.type !== 'text');
  const ignoredColumns = columns.filter((c, i) => i !== targetIndex && c.type === 'text').map((c) => c.name);
  let kept = rows.filter((r) => !isMissing(r[targetIndex]));
  const droppedNoTarget = rows.length - kept.length;
  let droppedMissingFeature = 0;
  if (missing === 'drop') {
    const complete = kept.filter((r) => featureColumns.every((c) => !isMissing(r[c.index])));
    droppedMissingFeature = kept.length - complete.length;
    kept = complete;
  }
  const order = Int32Array.from({ length: kept.length }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const validationRows = Math.round(kept.length * validationSplit);
  const trainRows = kept.length - validationRows;
  if (trainRows < 2 || validationRows < 1) throw new RangeError(`table: ${kept.length} usable rows leave no training or validation rows (need at least 3)`);
  const train = Array.from(order.subarray(0, trainRows), (i) => kept[i]);
  const validation = Array.from(order.subarray(trainRows), (i) => kept[i]);

  const classes = [...new Set(train.map((r) => r[targetIndex].trim()))].sort();
  const imputed: EncodeReport['imputed'] = [];
  const features = featureColumns.map((c) => (c.type === 'numeric' ? numericFeature(c.index, c.name, train, imputed) : categoricalFeature(c.index, c.name, train, imputed)));
  const numFeatures = features.reduce((n, f) => n + f.width, 0);
  if (numFeatures === 0) throw new RangeError(`table: no numeric or categorical column besides the target "${target}"`);

  const encode = (split: string[][]): EncodedSplit => {
    const x = new Float32Array(split.length * numFeatures);
    const y = new Int32Array(split.length);
    split.forEach((row, r) => {
      let at = r * numFeatures;
      for (const f of features) {
        f.encode(row[f.column], x, at);
        at += f.width;
      }
      y[r] = classes.indexOf(row[targetIndex].trim()); // -1: a class seen only in validation (counted wrong)
    });
    return { x, y, rows: split.length };
  };
  // Counts of imputed cells cover both splits; the fill value comes from the training rows.
  for (const entry of imputed) {
    const index = header.indexOf(entry.column);
    entry.count = kept.filter((r) => isMissing(r[index])).length;
  }
  return {
    train: encode(train),
    validation: encode(validation),
    numFeatures,
    featureNames: features.flatMap((f) => f.names),
    classes,
    report: { rowsUsed: kept.length, droppedNoTarget, droppedMissingFeature, imputed: imputed.filter((e) => e.count > 0), ignoredColumns },
  };
}

function numericFeature(column: number, name: string, train: string[][], imputed: EncodeReport['imputed']): Feature {
  const values = train.map((r) => r[column]).filter((v) => !isMissing(v)).map(parseNumber);
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  const variance = values.length ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length : 0;
  const std = Math.sqrt(variance) || 1;
  imputed.push({ column: name, count: 0, value: `mean ${round(mean)}` });
  return {
    column,
    width: 1,
    names: [name],
    encode(cell, out, at) {
      out[at] = isMissing(cell) ? 0 : (parseNumber(cell!) - mean) / std; // 0 = the mean after standardizing
    },
  };
}

function categoricalFeature(column: number, name: string, train: string[][], imputed: EncodeReport['imputed']): Feature {
  const counts = new Map<string, number>();
  for (const r of train) if (!isMissing(r[column])) counts.set(r[column].trim(), (counts.get(r[column].trim()) ?? 0) + 1);
  const categories = [...counts.keys()].sort();
  const mode = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  imputed.push({ column: name, count: 0, value: `mode "${mode ?? ''}"` });
  return {
    column,
    width: categories.length,
    names: categories.map((c) => `${name}=${c}`),
    encode(cell, out, at) {
      const value = isMissing(cell) ? mode : cell!.trim();
      const k = value === undefined ? -1 : categories.indexOf(value);
      if (k >= 0) out[at + k] = 1;
    },
  };
}

function round(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
