import type { Dataset } from './datasets';
import { openDatasetsDb } from '../data/dataset-db';
import { readSampleFile, SAMPLE_FILES } from '../data/sample-files';
import type { ColumnInfo } from '../data/tables/column-types';
import { encodeTable, type EncodedSplit, type EncodeReport, type MissingPolicy } from '../data/tables/encode-table';
import { ingestCsv } from '../data/tables/ingest-table';
import type { Tf } from '../kernel/session';

export interface TableDatasetOptions {
  /** A table dropped on the /datasets page, or 'sample' (default): 600 synthetic plants, 3 species. */
  name?: string;
  /** The column to predict (default: the one picked on /datasets, else the last column that can be). */
  target?: string;
  /** Rows with a missing feature: 'impute' (train mean / mode, the default) or 'drop'. */
  missing?: MissingPolicy;
  /** Fraction held out for validation (default 0.2). */
  validationSplit?: number;
  seed?: number;
}

/** A table as a Dataset (one-hot targets), with what encoding did to it. */
export interface TableDataset extends Dataset {
  table: {
    columns: ColumnInfo[];
    featureNames: string[];
    classes: string[];
    target: string;
    report: EncodeReport;
  };
}

export const SAMPLE_TABLE = 'sample';

/** `bench.datasets.table`: reads a stored table (or the sample), encodes it, splits it. */
export async function tableDataset(tf: Tf, options: TableDatasetOptions = {}): Promise<TableDataset> {
  const { name = SAMPLE_TABLE, missing, validationSplit = 0.2, seed = 1 } = options;
  const { meta, rows } = await loadTable(name);
  const target = options.target ?? meta.target;
  if (!target) throw new RangeError(`table "${name}": no column can be the target; pass { target } naming a column of classes`);
  const policy = missing ?? meta.missing;
  const encoded = encodeTable(meta.header, rows, meta.columns, { target, missing: policy, validationSplit, seed });
  const numClasses = encoded.classes.length;
  const toSplit = (split: EncodedSplit) => {
    const y = new Float32Array(split.rows * numClasses);
    split.y.forEach((label, i) => label >= 0 && (y[i * numClasses + label] = 1));
    return { x: tf.tensor2d(split.x, [split.rows, encoded.numFeatures]), y: tf.tensor2d(y, [split.rows, numClasses]) };
  };
  const train = toSplit(encoded.train);
  const validation = toSplit(encoded.validation);
  return {
    train,
    validation,
    fingerprint: `table:${name}:sha256=${meta.fingerprint.slice(0, 16)}:target=${target}:missing=${policy}:val=${validationSplit}:seed=${seed}`,
    info: { name: `table:${name}`, inputShape: [encoded.numFeatures], numClasses, trainSize: encoded.train.rows, validationSize: encoded.validation.rows, target: 'one-hot' },
    table: { columns: meta.columns, featureNames: encoded.featureNames, classes: encoded.classes, target, report: encoded.report },
    dispose: () => [train.x, train.y, validation.x, validation.y].forEach((t) => t.dispose()),
  };
}

async function loadTable(name: string) {
  if (name === SAMPLE_TABLE) {
    const text = new TextDecoder().decode(await readSampleFile(SAMPLE_FILES.table));
    return ingestCsv(SAMPLE_TABLE, text);
  }
  const db = await openDatasetsDb();
  try {
    const [meta, rows] = await Promise.all([db.get('tables', name), db.get('tableRows', name)]);
    if (!meta || !rows) {
      const stored = await db.getAllKeys('tables');
      throw new RangeError(`no table "${name}" in this browser (stored: ${stored.length ? stored.join(', ') : 'none'}; drop a CSV on /datasets, or use 'sample')`);
    }
    return { meta, rows };
  } finally {
    db.close();
  }
}
