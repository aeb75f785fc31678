/**
 * "This run has a new artifact": the run page's file list listens, so an ONNX export shows up in
 * it without a reload. Same-tab only (other tabs see it on their next load).
 */
const EVENT = 'benchtop:artifacts-changed';

export function announceArtifactsChanged(runId: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: runId }));
}

export function onArtifactsChanged(runId: string, listener: () => void): () => void {
  const handle = (e: Event) => {
    if ((e as CustomEvent<string>).detail === runId) listener();
  };
  window.addEventListener(EVENT, handle);
  return () => window.removeEventListener(EVENT, handle);
}
