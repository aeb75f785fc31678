import { Section } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { formatMetric, formatValue } from '@/components/ui/format';
import { KeyValueTable } from '@/components/ui/key-value-table';
import type { MetricKeySummary, RunSnapshot } from '@/lib/track/run-source/run-source';
import type { Run } from '@/lib/track/schemas';
import { isInstrumentKey } from '@/lib/bench/watch/watch-keys';

function envRows(run: Run): [string, string][] {
  // stepAxes is how the charts label their x, not where the run ran.
  const { memory, stepAxes: _axes, ...env } = run.env;
  const rows: [string, string][] = Object.entries(env).map(([k, v]) => [k, formatValue(v)]);
  for (const [k, v] of Object.entries(memory ?? {})) rows.push([`memory.${k}`, formatValue(v)]);
  if (run.datasetFingerprint) rows.push(['dataset', run.datasetFingerprint]);
  if (run.owner) rows.push(['owner', run.owner]);
  if (run.sweepId) rows.push(['sweep', `${run.sweepId}${run.trialId ? ` / ${run.trialId}` : ''}`]);
  return rows;
}

const summaryRows = (keys: readonly MetricKeySummary[]): [string, string][] =>
  keys.filter((k) => !isInstrumentKey(k.key)).map((k) => [k.key, `last ${formatMetric(k.last)} · min ${formatMetric(k.min)} · max ${formatMetric(k.max)} · ${k.count} points`]);

export function ConfigSection({ run }: { run: Run }) {
  return (
    <Section id="config" title="Config">
      <KeyValueTable caption="Config" rows={Object.entries(run.config).map(([k, v]) => [k, formatValue(v)])} empty="No config was recorded." />
    </Section>
  );
}

export function SummarySection({ metricKeys }: { metricKeys: readonly MetricKeySummary[] }) {
  return (
    <Section id="summary" title="Summary">
      <KeyValueTable caption="Summary" rows={summaryRows(metricKeys)} empty="No metrics were logged." />
    </Section>
  );
}

export function EnvironmentSection({ run }: { run: Run }) {
  return (
    <Section id="environment" title="Environment">
      <KeyValueTable caption="Environment" rows={envRows(run)} />
    </Section>
  );
}

/** The cells that ran, as text: never executed on this page (a share link runs no code). */
export function CodeSection({ snapshot: { run, includeCode } }: { snapshot: RunSnapshot }) {
  const code = run.code?.cells.map((c) => c.source).join('\n\n') ?? '';
  return (
    <Section id="code" title={`Code${run.code ? ` · sha256 ${run.code.sha256.slice(0, 12)}` : ''}`}>
      {code ? (
        <CodeBlock code={code} label="Code snapshot (not executed)" />
      ) : (
        <p className="text-zinc-500">{includeCode ? 'No code snapshot was recorded.' : 'The code was not shared with this link.'}</p>
      )}
    </Section>
  );
}
