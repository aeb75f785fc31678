import { TypedEmitter } from '../shared/typed-emitter';

/**
 * "This run has a new artifact": the run page's file list listens, so an ONNX export shows up in
 * it without a reload. Same-tab only (other tabs see it on their next load).
 */
const artifacts = new TypedEmitter<{ changed: string }>();

export function announceArtifactsChanged(runId: string): void {
  artifacts.emit('changed', runId);
}

export function onArtifactsChanged(runId: string, listener: () => void): () => void {
  return artifacts.on('changed', (changed) => changed === runId && listener());
}
