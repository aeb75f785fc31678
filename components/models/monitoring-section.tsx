'use client';

import { LineChart } from '@/components/charts/line-chart';
import { Badge } from '@/components/ui/badge';
import { Alert, Section, Spinner } from '@/components/ui/card';
import type { VersionMonitoring } from '@/lib/serving/api';
import { modelsApi } from '@/lib/serving/client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { usePolled } from './use-polled';

const POLL_MS = 5_000;
const WINDOW_MINUTES = 60;
const fmtMs = (x: number | null) => (x === null ? '—' : `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Minutes before now, so the last hour reads left (−60) to right (0). */
function minutesAgo(minute: number): number {
  return Math.round((minute - Date.now()) / 60_000);
}

function DriftBadge({ drift }: { drift: VersionMonitoring['drift'] }) {
  if (!drift) return <Badge title="No drift reference: export ONNX from a run keeps one, or PUT …/monitoring/reference">no drift reference</Badge>;
  if (drift.maxPsi === null) return <Badge>drift: no rows yet</Badge>;
  const text = `PSI ${drift.maxPsi.toFixed(2)} (${drift.rows} rows)`;
  return drift.flagged ? (
    <span data-testid="drift-flag">
      <Badge tone="red" dot>{`Drift: ${text} > ${drift.threshold}`}</Badge>
    </span>
  ) : (
    <Badge tone="green">{`No drift: ${text}${drift.rows < drift.minRows ? `, flags from ${drift.minRows} rows` : ''}`}</Badge>
  );
}

function ClassBars({ classes }: { classes: Record<string, number> }) {
  const entries = Object.entries(classes).sort((a, b) => Number(a[0]) - Number(b[0]));
  const max = Math.max(1, ...entries.map(([, n]) => n));
  if (entries.length === 0) return <p className="text-xs text-zinc-500">No class predictions yet.</p>;
  return (
    <figure className="rounded-lg border border-zinc-200 bg-white p-3">
      <figcaption className="mb-1 font-mono text-xs font-medium text-zinc-700">predicted classes</figcaption>
      <ul className="space-y-0.5" aria-label="Predicted class counts">
        {entries.map(([c, n]) => (
          <li key={c} className="flex items-center gap-2 text-xs">
            <span className="w-6 text-right font-mono">{c}</span>
            <span className="h-2 rounded bg-accent-500" style={{ width: `${(n / max) * 70}%` }} aria-hidden />
            <span className="tabular-nums text-zinc-600">{n}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function VersionPanel({ v }: { v: VersionMonitoring }) {
  const x = v.series.map((p) => minutesAgo(p.minute));
  const line = (label: string, color: string, y: (number | null)[]) => ({ label, color, x, y: y.map((n) => n ?? NaN) });
  return (
    <div className="space-y-3 border-t border-zinc-100 pt-3" data-testid={`monitoring-v${v.version}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Version {v.version}</span>
        <Badge>{`${v.totals.requests} requests`}</Badge>
        <Badge tone={v.totals.errors > 0 ? 'amber' : 'neutral'}>{`errors ${pct(v.totals.errorRate)}`}</Badge>
        <Badge>{`p50 ${fmtMs(v.totals.p50Ms)} · p95 ${fmtMs(v.totals.p95Ms)} · p99 ${fmtMs(v.totals.p99Ms)}`}</Badge>
        <DriftBadge drift={v.drift} />
        <Badge title="From POST …/feedback">{`accuracy ${pct(v.accuracy.accuracy)} (${v.accuracy.labelled} labelled)`}</Badge>
      </div>
      {v.series.length > 0 && (
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          <LineChart title={`v${v.version} latency (ms)`} xLabel="minutes ago" series={[line('p50', '#2563eb', v.series.map((p) => p.p50Ms)), line('p95', '#d97706', v.series.map((p) => p.p95Ms)), line('p99', '#dc2626', v.series.map((p) => p.p99Ms))]} />
          <LineChart title={`v${v.version} requests per minute`} xLabel="minutes ago" series={[line('requests', '#2563eb', v.series.map((p) => p.requests)), line('errors', '#dc2626', v.series.map((p) => p.errors))]} />
          <LineChart title="server memory (MiB)" xLabel="minutes ago" series={[line('rss', '#059669', v.series.map((p) => p.rssBytes / 1_048_576))]} />
          <ClassBars classes={v.classes} />
        </div>
      )}
    </div>
  );
}

/** The model page's monitoring: per version, the last hour, polled. */
export function MonitoringSection({ conn, name }: { conn: ServerConnection; name: string }) {
  const { data, error } = usePolled(() => modelsApi.monitoring(conn, name, WINDOW_MINUTES), `${conn.baseUrl}|${name}`, POLL_MS);
  const active = data?.versions.filter((v) => v.totals.requests > 0 || v.accuracy.labelled > 0) ?? [];
  return (
    <Section title="Monitoring (last hour)" id="monitoring">
      {error && <Alert title="Monitoring could not be read">{error}</Alert>}
      {!data && !error ? <Spinner label="Loading monitoring" /> : null}
      {data && active.length === 0 && <p className="text-sm text-zinc-500">No predictions in the last hour. POST /api/v1/models/{name}/&lt;version or alias&gt;/predict serves this model.</p>}
      <div className="space-y-4">
        {active.map((v) => (
          <VersionPanel key={v.version} v={v} />
        ))}
      </div>
    </Section>
  );
}
