'use client';

import { useDeferredValue, useMemo } from 'react';
import { analyzeSweepCell, DEFAULT_TRAIN_FUNCTION, type SweepCellAnalysis } from '@/lib/notebook/sweep-cell';
import { useSweepMarkers } from './use-sweep-markers';

/**
 * Under a sweep cell: whether its config is valid (errors by line, also as Monaco markers), what
 * running it will do, and how to write one. The cell runs `bench.sweep(config, <function>)`.
 */
export function SweepCellPanel({ cellId, source }: { cellId: string; source: string }) {
  const deferred = useDeferredValue(source);
  const analysis = useMemo<SweepCellAnalysis>(() => analyzeSweepCell(deferred), [deferred]);
  useSweepMarkers(cellId, analysis.ok ? [] : analysis.errors);
  const blank = !analysis.ok && analysis.blank === true;
  return (
    <div className="border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-600" data-testid="sweep-cell-panel">
      {blank ? (
        <p>No sweep config yet: uncomment the example above (select all, Ctrl+/) and edit it, or paste a W&amp;B sweep config.</p>
      ) : analysis.ok ? (
        <p>
          <span className="font-medium text-emerald-700">Valid sweep</span> · {analysis.spec.method}
          {analysis.spec.metric ? ` · ${analysis.spec.metric.goal} ${analysis.spec.metric.name}` : ''}
          {analysis.spec.early_terminate ? ' · hyperband' : ''}
          {analysis.spec.run_cap ? ` · run_cap ${analysis.spec.run_cap}` : ''}
          {analysis.options.count ? ` · ${analysis.options.count} trial(s) this run` : ''} · runs{' '}
          <code className="font-mono">{analysis.options.functionName}(config)</code>
          {analysis.options.server ? ' on the server (join link printed below)' : ' in this notebook'}
        </p>
      ) : (
        <ul aria-label="Sweep config errors" className="space-y-0.5 text-red-700">
          {analysis.errors.map((e, i) => (
            <li key={i}>
              <span className="font-mono">line {e.line}</span>: {e.message}
            </li>
          ))}
        </ul>
      )}
      <details className="mt-1">
        <summary className="cursor-pointer text-zinc-500 select-none">How sweep cells work</summary>
        <div className="mt-1 space-y-1 text-zinc-600">
          <p>
            A W&amp;B sweep config (YAML or JSON): <code>method</code> (grid, random, bayes), <code>metric</code> (name, goal),{' '}
            <code>parameters</code>, <code>early_terminate</code> (hyperband), <code>run_cap</code>. Running the cell (Shift+Enter) calls
            your training function once per trial with the trial&apos;s config; each <code>bench.train</code> inside it becomes a run of the
            sweep, reports its epoch metrics (name the metric as logged, e.g. <code>val/loss</code>, or Keras-style <code>val_loss</code>), and
            Hyperband stops poor runs early.
          </p>
          <p>Keys of the cell itself (not sent to W&amp;B):</p>
          <ul className="list-disc pl-5">
            <li>
              <code>function: trainTrial</code> — the training function, defined in a code cell above (default <code>{DEFAULT_TRAIN_FUNCTION}</code>).
            </li>
            <li>
              <code>count: 6</code> — trials to run this time (random and bayes need <code>count</code> or <code>run_cap</code>).
            </li>
            <li>
              <code>seed: 0</code> — the sampler&apos;s seed. <code>server: true</code> — put the sweep on the server and print a join link, so
              other browsers can run trials too.
            </li>
          </ul>
          <pre className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-[11px] leading-4">{EXAMPLE}</pre>
        </div>
      </details>
    </div>
  );
}

const EXAMPLE = `// code cell above (2-D playground):
async function trainTrial(config) {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: config.units, activation: 'tanh' }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  return bench.train({ model, data, learningRate: config.lr, epochs: 20, batchSize: 16 });
}

# this sweep cell:
function: trainTrial
method: random
count: 8
metric: {name: val/loss, goal: minimize}
early_terminate: {type: hyperband, min_iter: 3, eta: 3}
parameters:
  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}
  units: {values: [4, 8, 16]}`;
