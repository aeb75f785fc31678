'use client';

import { Alert, PageHeader, Spinner } from '@/components/ui/card';
import { ImagesPanel } from './images-panel';
import { SpeechPanel } from './speech-panel';
import { TablesPanel } from './tables-panel';
import { useStoredDatasets } from './use-stored-datasets';

/** /datasets: the user's own data, kept in this browser (IndexedDB) for the templates to train on. */
export function DatasetsView() {
  const [state, reload] = useStoredDatasets();
  return (
    <div className="space-y-10">
      <PageHeader title="Datasets" subtitle="Your own tables, images and spoken words, read in a background worker and kept in this browser only. The templates train on them by name." />
      {state.status === 'loading' && <Spinner />}
      {state.status === 'error' && <Alert title="Could not open this browser's dataset store">{state.error}</Alert>}
      {state.status === 'ready' && (
        <>
          <TablesPanel tables={state.value.tables} reload={reload} />
          <ImagesPanel imageSets={state.value.imageSets} reload={reload} />
          <SpeechPanel />
        </>
      )}
    </div>
  );
}
