/**
 * Runs owned by kernels alive in this tab. Crash detection must never mark these `crashed`,
 * whatever their heartbeat says (a worker busy compiling shaders can miss a few).
 */
const live = new Set<string>();

export const liveRuns = {
  add: (runId: string) => void live.add(runId),
  delete: (runId: string) => void live.delete(runId),
  ids: (): string[] => [...live],
};
