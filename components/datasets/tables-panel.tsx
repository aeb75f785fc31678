'use client';

import { Section } from '@/components/ui/card';
import { deleteTable, openDatasetsDb, type TableMeta } from '@/lib/data/dataset-db';
import { FileDropZone } from './file-drop-zone';
import { IngestStatus } from './ingest-status';
import { TableCard } from './table-card';
import { useIngest } from './use-ingest';

/** Drop a CSV: parsed, typed and stored in a worker; each stored table as a card. */
export function TablesPanel({ tables, reload }: { tables: TableMeta[]; reload: () => void }) {
  const { state, run, fail } = useIngest(reload);
  const remove = async (name: string) => {
    const db = await openDatasetsDb();
    await deleteTable(db, name).finally(() => db.close());
    reload();
  };
  return (
    <Section title="Tables" id="tables">
      <FileDropZone
        prompt="Drop a CSV file here (header row first), or"
        pickers={[{ label: 'Choose a CSV', accept: '.csv,.tsv,.txt,text/csv' }]}
        disabled={state.status === 'working'}
        onFiles={(files) => {
          const first = files[0];
          if (!first) return;
          if (files.length > 1) return fail(first.path, 'drop one CSV file at a time');
          void run(first.file.name, { type: 'csv', name: first.file.name, file: first.file });
        }}
      />
      <IngestStatus state={state} unit="bytes" />
      {tables.map((meta) => (
        <TableCard key={meta.name} meta={meta} onChange={reload} onDelete={() => void remove(meta.name)} />
      ))}
    </Section>
  );
}
