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
  | { type: 'done'; result: RunExportResult }
  | { type: 'failed'; message: string; layer: { name: string; className: string } | null };
