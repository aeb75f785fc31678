import type { RunSource } from './run-source';

/**
 * The first of several sources that holds the run: this browser, then the sync server. Reads
 * after `load` go to the source that answered it; a source that fails (server down) fails the
 * load only when no earlier one had the run.
 */
export function firstRunSource(sources: readonly RunSource[]): RunSource {
  if (sources.length === 0) throw new RangeError('firstRunSource needs at least one source');
  let current: RunSource = sources[0];
  return {
    id: sources.map((s) => s.id).join('|'),
    get liveMs() {
      return current.liveMs;
    },
    async load() {
      for (const source of sources) {
        const snapshot = await source.load();
        if (snapshot) {
          current = source;
          return snapshot;
        }
      }
      return null;
    },
    history: (key, maxPoints) => current.history(key, maxPoints),
    artifactHref: (a) => current.artifactHref(a),
    download: (a) => current.download(a),
    subscribe(onChange) {
      const off = sources.map((s) => s.subscribe?.(onChange));
      return () => off.forEach((f) => f?.());
    },
  };
}
