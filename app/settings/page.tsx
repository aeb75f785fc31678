import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/card';
import { SyncSettingsPanel } from '@/components/sync/sync-settings-panel';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" subtitle="Kept in this browser. Runs are always stored here first; sync copies them to a server." />
      <section aria-labelledby="sync-heading" className="space-y-3">
        <h2 id="sync-heading" className="text-sm font-semibold text-zinc-900">Sync</h2>
        <SyncSettingsPanel />
      </section>
    </>
  );
}
