import type { ExportProgress } from '../../onnx/progress';
import type { QuantizeMode } from '../../onnx/report';
import type { ExportStage, RunExportResult } from './run-export';

/** Messages between the page and the export worker (one worker per export, ended after it). */
export interface ExportRequest {
  type: 'export';
  runId: string;
  quantize: QuantizeMode;
}

export type ExportWorkerMessage =
  | { type: 'stage'; stage: ExportStage }
  /** Within the 'verify' stage: the exporter's own progress (fraction of its estimated work, time left). */
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'done'; result: RunExportResult }
  | { type: 'failed'; message: string; layer: { name: string; className: string } | null };
