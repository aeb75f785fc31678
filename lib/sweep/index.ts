/**
 * Benchtop sweeps: W&B-compatible sweep configs, grid/random/TPE search, Hyperband, and a pure
 * state machine for handing trials to many agents. Pure TypeScript: no DOM, no React, no I/O.
 */
export { parseSweepSource, validateSweepConfig, toSweepSpec, SweepSpecError, type ParseSweepResult, type SweepSourceError } from './parse';
export { SweepSpecSchema, SWEEP_METHODS, DISTRIBUTIONS, type SweepSpec, type SweepMethod, type MetricSpec, type HyperbandSpec, type ParamSpec } from './spec';
export { runSweep, type RunSweepOptions, type SweepResult, type SweepUpdate, type TrainFunction, type TrainResult, type TrialContext } from './run-sweep';
export {
  SweepController, LOCAL_AGENT_ID, createSweepState, leaseTrial, renewLease, expireLeases, reportMetric, finishTrial, stopSweep, SweepStateError,
  type NextTrial, type LeaseResult, type RenewResult, type ReportResult, type FinishResult, type FinishStatus,
  type SweepState, type SweepStatus, type TrialRecord, type TrialStatus,
} from './scheduler';
export { sweepStateToJSON, sweepStateFromJSON, WireSweepStateSchema } from './state-json';
export { bestSoFarCurve, bestTrial, parameterImportance, type BestSoFarPoint, type BestTrial, type ParameterImportance } from './analysis';
export { hyperbandBrackets, decideHyperband } from './hyperband';
export { buildSearchSpace, type SearchSpace, type Dimension, type TrialConfig } from './space';
export { runSweepAgent, type AgentStatus, type SweepAgentOptions, type SweepAgentResult } from './agent';
export { createSweepHttpClient, SweepHttpError, type SweepHttpClient, type SweepHttpOptions } from './http-client';
export { buildParallelModel, selectedTrials, passesBrushes, type PcAxis, type PcLine, type PcModel, type PcBrushes } from './parallel-coordinates';
export { summarizeSweep } from './summary';
export { LocalSweepRecorder } from './local-record';
