import type { Bench } from './api-types';
import { bytesToModel } from './checkpoint';
import { createDatasets } from './datasets';
import { downloadReporter } from './download-reporter';
import { benchExport } from './export/bench-export';
import { benchRegister } from './register/bench-register';
import { startManualRun } from './manual-run';
import { trainRandomForest } from './random-forest';
import type { BenchSession } from '../kernel/session';
import { loadedModels, train } from './train';
import { createBenchSweep } from './sweep/bench-sweep';
import { showHeatmap } from './heatmap';
import { createBenchText } from './text-api';
import { watchModel } from './watch/model-watcher';
import { trialTrainOptions } from './sweep/trial-scope';

export function createBench(session: BenchSession): Bench {
  const { tf } = session;
  return {
    datasets: createDatasets(tf, (label) => downloadReporter(session, label)),
    train: (options) => train(session, trialTrainOptions(session, options)),
    sweep: createBenchSweep(session),
    run: (options) => startManualRun(session, options),
    randomForest: (options) => trainRandomForest(session, options),

    async load(runId) {
      const store = await session.store();
      const run = await store.getRun(runId);
      if (!run) throw new Error(`bench.load: no run "${runId}" in this browser`);
      const checkpoints = (await store.listArtifacts(runId)).filter((a) => a.kind === 'checkpoint');
      const latest = checkpoints.at(-1);
      if (!latest) throw new Error(`bench.load: run "${run.name}" (${runId}) has no checkpoint (train with checkpointEvery, or let it finish)`);
      const artifact = await store.getArtifact(latest.id);
      if (!artifact) throw new Error(`bench.load: checkpoint ${latest.id} is listed but its bytes are missing`);
      const model = await bytesToModel(tf, artifact.bytes);
      loadedModels.add(model);
      return model;
    },

    export: (model, options) => benchExport(session, model, options),
    register: (name, options) => benchRegister(session, name, options),
    text: createBenchText(session),
    watch: (model, options) => watchModel(model, options),
    heatmap: (matrix, options) => showHeatmap(session, matrix, options),

    param: ((name: string, defaultValue: number | string) => {
      const raw = session.context.params?.[name];
      if (raw === undefined) return defaultValue;
      if (typeof defaultValue === 'number') {
        const value = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(value)) throw new TypeError(`bench.param("${name}"): override ${JSON.stringify(raw)} is not a number`);
        return value;
      }
      return String(raw);
    }) as Bench['param'],

    async runs() {
      return (await session.store()).listRuns({ projectId: session.context.projectId });
    },
  };
}
