/**
 * Declarations of the `bench` global for the editor (Monaco autocompletion and checking). A
 * script file (no top-level import/export), so everything here is global in cells. `tf` types
 * come from @tensorflow/tfjs, which the editor loads separately. Keep in step with
 * create-bench.ts, datasets.ts, train-options.ts, train.ts and manual-run.ts; a unit test
 * type-checks the templates against this text.
 */
export const BENCH_DTS = String.raw`
declare namespace Bench {
  type Tensor = import('@tensorflow/tfjs').Tensor;
  type LayersModel = import('@tensorflow/tfjs').LayersModel;
  type Optimizer = import('@tensorflow/tfjs').Optimizer;

  interface DataSplit { x: Tensor; y: Tensor }
  interface DatasetInfo {
    name: string;
    /** Shape of one input sample, e.g. [784], [28, 28, 1] or [2]. */
    inputShape: number[];
    numClasses: number;
    trainSize: number;
    validationSize: number;
    /** 'one-hot' rows for multi-class, one 0/1 column ('binary') for two classes. */
    target: 'one-hot' | 'binary';
    /** 2-D sets: half-width of the square the points lie in. */
    extent?: number;
  }
  /** What bench.datasets.* returns; bench.train({ data }) accepts it directly. */
  interface Dataset {
    train: DataSplit;
    validation: DataSplit;
    /** Stable id of exactly these samples, recorded on every run. */
    fingerprint: string;
    info: DatasetInfo;
    dispose(): void;
  }
  interface MnistOptions {
    /** Training samples (default 8000); trainSize + testSize ≤ 10000. */
    trainSize?: number;
    /** Validation samples (default 2000). */
    testSize?: number;
    seed?: number;
    /** 'flat' → [n, 784] (default); 'image' → [n, 28, 28, 1] for conv layers. */
    layout?: 'flat' | 'image';
  }
  interface SyntheticOptions {
    /** Points before the split (default 400). */
    n?: number;
    /** 0..1 (default 0.1). */
    noise?: number;
    seed?: number;
    /** Held-out fraction (default 0.2). */
    validationSplit?: number;
  }
  interface EarlyStoppingOptions {
    /** Metric key to watch (default 'val/loss'). */
    monitor?: string;
    /** Epochs without improvement before stopping (default 3). */
    patience?: number;
    minDelta?: number;
    mode?: 'min' | 'max';
  }
  /** Logs of one epoch: 'train/loss', 'val/loss', 'train/accuracy', 'val/accuracy', 'lr', 'perf/samples_per_s', 'memory/num_tensors', … */
  type EpochLogs = Record<string, number>;
  interface TrainOptions {
    /** Run name in the runs table (default: the model's name). */
    name?: string;
    /** Hyperparameters to record with the run. */
    config?: Record<string, unknown>;
    model: LayersModel;
    data: Dataset | { train: DataSplit; validation?: DataSplit; fingerprint?: string };
    /** 'adam' (default), 'sgd', 'momentum', 'rmsprop', 'adagrad', 'adadelta', 'adamax', or a tf.train.* optimizer. */
    optimizer?: string | Optimizer;
    learningRate?: number;
    /** Default: categoricalCrossentropy for one-hot targets, binaryCrossentropy for 0/1. */
    loss?: string;
    /** Default ['accuracy']. */
    metrics?: string[];
    /** Default 10. */
    epochs?: number;
    /** Default 32. */
    batchSize?: number;
    /** Recorded; the same seed on the cpu backend repeats a run exactly. Drawn at random if absent. */
    seed?: number;
    /** Checkpoint every N epochs (always at the end); 0 = only at the end. */
    checkpointEvery?: number;
    earlyStopping?: EarlyStoppingOptions | boolean;
    /** Return { stop: true, reason } to end the run as 'stopped' with that reason. */
    onEpochEnd?: (epoch: number, logs: EpochLogs, run: { runId: string }) => void | { stop: boolean; reason?: string } | Promise<void | { stop: boolean; reason?: string }>;
    /** Draw the decision boundary every epoch (2-D inputs). */
    boundary?: boolean;
    /** 'seeded' (default) re-draws weights from the seed; 'keep' continues from current weights (default for bench.load models). */
    initialWeights?: 'seeded' | 'keep';
    tags?: Record<string, string>;
    sweepId?: string;
    trialId?: string;
  }
  interface MetricSummary { last: number; min: number; max: number; step: number; count: number }
  interface TrainResult {
    runId: string;
    status: 'finished' | 'failed' | 'stopped' | 'crashed';
    statusReason: string | null;
    /** last/min/max per metric key, e.g. summary['val/accuracy'].last */
    summary: Record<string, MetricSummary>;
    epochsCompleted: number;
    history: EpochLogs[];
    /** The backend the run trained on. */
    backend: string;
    model: LayersModel;
  }
  interface RunOptions {
    name?: string;
    config?: Record<string, unknown>;
    seed?: number;
    datasetFingerprint?: string;
    tags?: Record<string, string>;
  }
  /** A hand-written loop's run, like wandb.init(). */
  interface Run {
    /** Resolves with the run id once stored. */
    readonly ready: Promise<string>;
    /** Logs metrics at step (default: previous step + 1). Throws after Stop, with the run saved as stopped. */
    log(metrics: Record<string, number>, step?: number): void;
    finish(status?: 'finished' | 'failed' | 'stopped', reason?: string): Promise<unknown>;
  }
  interface StoredRun {
    id: string;
    name: string;
    status: 'running' | 'finished' | 'failed' | 'crashed' | 'stopped';
    config: Record<string, unknown>;
    summary: Record<string, MetricSummary>;
    createdAt: number;
  }
}

declare const bench: {
  datasets: {
    /** MNIST digits from the mnist package (10,000 in all), split with a seed. */
    mnist(options?: Bench.MnistOptions): Promise<Bench.Dataset>;
    spirals(options?: Bench.SyntheticOptions): Promise<Bench.Dataset>;
    circles(options?: Bench.SyntheticOptions): Promise<Bench.Dataset>;
    xor(options?: Bench.SyntheticOptions): Promise<Bench.Dataset>;
    gaussians(options?: Bench.SyntheticOptions): Promise<Bench.Dataset>;
  };
  /** Trains with a tracked run: per-batch and per-epoch metrics, checkpoints, live charts. Stop ends it as 'stopped'. */
  train(options: Bench.TrainOptions): Promise<Bench.TrainResult>;
  /** Starts a run for a hand-written loop: run.log({ loss }, step); await run.finish(). */
  run(options?: Bench.RunOptions): Bench.Run;
  /** The model of a run's last checkpoint. */
  load(runId: string): Promise<Bench.LayersModel>;
  /**
   * Exports to ONNX (int8 weights by default; quantize: 'none' | 'int8' | 'int8-static') and verifies
   * the file in onnxruntime-web against model.predict. Verified on options.sample, else the
   * validation split of options.data, else the dataset of options.runId's run, else generated inputs.
   */
  export(model: Bench.LayersModel, options?: { sample?: { x: Bench.Tensor; y?: Bench.Tensor }; data?: Bench.Dataset; runId?: string; quantize?: 'none' | 'int8' | 'int8-static'; [option: string]: unknown }): Promise<unknown>;
  /** A notebook parameter: the URL's ?param.<name>=… override, else the default. */
  param(name: string, defaultValue: number): number;
  param(name: string, defaultValue: string): string;
  /** Runs of this project stored in this browser, newest first. */
  runs(): Promise<Bench.StoredRun[]>;
  /**
   * A W&B-style sweep (YAML text or config object): calls train(config) per trial; each bench.train
   * inside becomes a run of the sweep, and Hyperband/Stop end it as 'stopped'. See /sweeps.
   * bench.sweep.join(id, train) works on a server sweep as one agent among many browsers.
   */
  sweep: Bench.Sweep;
};

declare namespace Bench {
  /** A W&B sweep config: method, metric {name, goal, target}, parameters, early_terminate, run_cap. */
  interface SweepConfig {
    method: 'grid' | 'random' | 'bayes';
    parameters: Record<string, unknown>;
    metric?: { name: string; goal?: 'minimize' | 'maximize'; target?: number };
    early_terminate?: { type: 'hyperband'; min_iter?: number; max_iter?: number; s?: number; eta?: number; strict?: boolean };
    run_cap?: number;
    [key: string]: unknown;
  }
  interface Trial {
    trialId: string;
    index: number;
    /** For hand-written loops: report one epoch's metrics; { stop: true } means end the trial now. */
    reportEpoch(epoch: number, metrics: Record<string, number>): Promise<{ stop: boolean; reason?: string }>;
    /** Aborted when the trial must stop. */
    signal: AbortSignal;
    linkRun(runId: string): void;
  }
  /** Return a number or { metric } to set the trial's result; otherwise the last reported sweep metric counts. */
  type TrialFunction = (config: Record<string, any>, trial: Trial) => unknown;
  interface SweepOptions {
    /** Trials to run in this call (random/bayes need it or run_cap). */
    count?: number;
    /** Sampler seed (default 0). */
    seed?: number;
    name?: string;
    /** Create the sweep on the server (a join link for other browsers) and work on it here. */
    server?: boolean | { baseUrl?: string; token?: string; leaseMs?: number };
    functionName?: string;
  }
  interface SweepResult {
    sweepId: string;
    reason: string;
    trials: number;
    best: { trialId: string; config: Record<string, unknown>; metric: number } | null;
    /** The sweep page. */
    url: string;
  }
  interface Sweep {
    (spec: string | SweepConfig, train: TrialFunction, options?: SweepOptions): Promise<SweepResult>;
    join(sweepId: string, train: TrialFunction, options?: { count?: number; agentId?: string; baseUrl?: string; token?: string }): Promise<SweepResult>;
  }
}
`;
