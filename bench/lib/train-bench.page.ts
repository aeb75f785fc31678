import { createKernel } from '../../lib/kernel/client';
import type { BackendChoice } from '../../lib/kernel/protocol';
import { BENCH_CELL, RAW_CELL, setupCell } from './train-bench-cells';

/** Browser side of `npm run bench:train`: drives the real kernel worker and watches the main thread. */

interface BenchRequest {
  backend: BackendChoice;
  batches: number;
  batchSize: number;
  rounds: number;
}

async function run(request: BenchRequest) {
  const kernel = createKernel({
    notebookId: 'bench', projectId: 'default', owner: 'bench', backend: request.backend,
    createWorker: () => new Worker('/kernel.worker.js', { type: 'module', name: 'benchtop-kernel' }) as never,
  });
  let events = 0;
  kernel.onEvent(() => events++);
  const info = await kernel.ready();
  const execute = async (cellId: string, source: string) => {
    const outcome = await kernel.execute({ cellId, source, notebookCells: [{ cellId, source }] });
    if (!outcome.ok) throw new Error(`${cellId}: ${outcome.error.name}: ${outcome.error.message} (line ${outcome.error.line})`);
    return Number(outcome.result.value);
  };
  await execute('setup', setupCell(request));

  // Long tasks counted only while training runs.
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  // The longtask API only reports tasks ≥ 50 ms; a 10 ms timer's lateness shows smaller stalls too.
  let maxTimerLateMs = 0;
  let expected = performance.now() + 10;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxTimerLateMs = Math.max(maxTimerLateMs, now - expected);
    expected = now + 10;
  }, 10);
  const raw: number[] = [];
  const tracked: number[] = [];
  // Alternate the two so drift in machine load hits both alike; report the best of each.
  for (let round = 0; round < request.rounds; round++) {
    raw.push(await execute(`raw-${round}`, RAW_CELL));
    tracked.push(await execute(`bench-${round}`, BENCH_CELL));
  }
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  clearInterval(ticker);
  kernel.dispose();
  return { info, raw, tracked, longest, maxTimerLateMs, events };
}

(globalThis as unknown as { runTrainBench: typeof run }).runTrainBench = run;
