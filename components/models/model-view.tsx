'use client';

import Link from 'next/link';
import { Alert, PageHeader, Section, Spinner } from '@/components/ui/card';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { modelsApi } from '@/lib/serving/client';
import { connectionOf } from '@/lib/track/sync-settings';
import { AliasForm } from './alias-form';
import { AlertsPanel } from './alerts-panel';
import { MODEL_ALERT_METRICS } from '@/lib/serving/alerts-api';
import { MonitoringSection } from './monitoring-section';
import { PredictTokensPanel } from './predict-tokens-panel';
import { usePolled } from './use-polled';
import { VersionTable } from './version-table';

/** /models/[name]: versions with lineage and verification, aliases (set/move), predict tokens, monitoring, alerts. */
export function ModelView({ name }: { name: string }) {
  const conn = connectionOf(useSyncSettings());
  const { data, error, reload } = usePolled(() => modelsApi.get(conn, name), `${conn.baseUrl}|${conn.token ?? ''}|${name}`, 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title={name}
        subtitle={
          <>
            <Link href="/models" className="text-accent-700 hover:underline">Models</Link>
            {data?.model.description ? ` · ${data.model.description}` : ''}
          </>
        }
      />
      {error && <Alert title="The model could not be read">{error}</Alert>}
      {!data && !error && <Spinner label="Loading the model" />}
      {data && (
        <>
          <Section title="Versions" id="versions">
            <VersionTable versions={data.versions} />
          </Section>
          <Section title="Aliases" id="aliases">
            <p className="text-xs text-zinc-600">
              {data.model.aliases.length === 0 ? 'No aliases yet.' : data.model.aliases.map((a) => `${a.alias} → v${a.version}`).join(' · ')} Predict through an alias
              (<code>/api/v1/models/{name}/champion/predict</code>) and moving it switches traffic with no failed request.
            </p>
            <AliasForm conn={conn} detail={data} onChanged={reload} />
          </Section>
          <Section title="Predict tokens" id="predict-tokens">
            <PredictTokensPanel conn={conn} name={name} />
          </Section>
          <MonitoringSection conn={conn} name={name} />
          <Section title="Alerts" id="alerts">
            <AlertsPanel conn={conn} filter={{ model: name }} metrics={MODEL_ALERT_METRICS} targets={[...data.model.aliases.map((a) => ({ kind: 'model' as const, name, alias: a.alias })), ...data.versions.map((v) => ({ kind: 'model' as const, name, version: v.version }))]} />
          </Section>
        </>
      )}
    </div>
  );
}
