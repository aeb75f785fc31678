'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { ModelVersionWire } from '@/lib/registry/api';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What the export's verification report says, in a line (passed, top-1 agreement, size ratio). */
function Verification({ report }: { report: unknown }) {
  if (!report || typeof report !== 'object') return <span className="text-zinc-500">none</span>;
  const r = report as Record<string, unknown>;
  const top1 = num(r.top1Agreement);
  const ratio = num(r.sizeRatio);
  return (
    <span className="flex flex-wrap items-center gap-1">
      {typeof r.passed === 'boolean' && <Badge tone={r.passed ? 'green' : 'red'}>{r.passed ? 'verified' : 'verification failed'}</Badge>}
      {str(r.quantize) && <Badge>{String(r.quantize)}</Badge>}
      {top1 !== null && <span className="text-xs">top-1 {(top1 * 100).toFixed(1)}%</span>}
      {ratio !== null && <span className="text-xs">size ×{ratio.toFixed(2)}</span>}
      {str(r.sample) && <span className="text-xs text-zinc-500">on {String(r.sample)}</span>}
    </span>
  );
}

/** Run, code snapshot, data fingerprint and sweep of a version: where it came from. */
function Lineage({ lineage }: { lineage: Record<string, unknown> }) {
  const runId = str(lineage.runId);
  const sweepId = str(lineage.sweepId);
  const code = str(lineage.codeSnapshot);
  const data = str(lineage.dataFingerprint);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
      <dt className="text-zinc-500">run</dt>
      <dd>{runId ? <Link className="text-accent-700 hover:underline" href={`/runs/${encodeURIComponent(runId)}`}>{str(lineage.runName) ?? runId}</Link> : '—'}</dd>
      <dt className="text-zinc-500">code</dt>
      <dd className="font-mono" title={code ?? undefined}>{code ? code.slice(0, 12) : '—'}</dd>
      <dt className="text-zinc-500">data</dt>
      <dd className="font-mono break-all">{data ?? '—'}</dd>
      <dt className="text-zinc-500">sweep</dt>
      <dd>{sweepId ? <Link className="text-accent-700 hover:underline" href={`/sweeps/${encodeURIComponent(sweepId)}`}>{sweepId}</Link> : '—'}</dd>
    </dl>
  );
}

export function VersionTable({ versions }: { versions: ModelVersionWire[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm" aria-label="Versions">
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
          <tr>
            {['Version', 'Aliases', 'Format', 'Lineage', 'ONNX verification', 'Registered'].map((h) => (
              <th key={h} className="px-3 py-2 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className="border-t border-zinc-100 align-top" data-version={v.version}>
              <td className="px-3 py-2 font-medium tabular-nums">v{v.version}{v.description && <div className="text-xs font-normal text-zinc-500">{v.description}</div>}</td>
              <td className="px-3 py-2">
                <span className="flex flex-wrap gap-1">
                  {v.aliases.map((a) => (
                    <Badge key={a} tone="blue">{a}</Badge>
                  ))}
                </span>
              </td>
              <td className="px-3 py-2 text-xs">{v.format}</td>
              <td className="px-3 py-2"><Lineage lineage={v.lineage} /></td>
              <td className="px-3 py-2"><Verification report={v.verification} /></td>
              <td className="px-3 py-2 text-xs text-zinc-500">{new Date(v.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
