/** `bench.register(name, options)` (plain types: the editor's typings are generated from them). */
export interface BenchRegisterOptions {
  /** The run whose exported ONNX file to register (default: the newest run of this project with one). */
  runId?: string;
  /**
   * An ONNX artifact id of the run, or `bench.export(...)`'s result (its file is stored as an
   * artifact of the run first). Default: the run's newest ONNX file.
   */
  artifact?: string | { bytes: Uint8Array; report?: unknown };
  description?: string;
  /** Tracking server (default: this app's origin) and its workspace token. */
  baseUrl?: string;
  token?: string;
}

export interface BenchRegisterResult {
  name: string;
  version: number;
  runId: string;
  artifactId: string;
  /** The model's page, relative to the app. */
  url: string;
}
