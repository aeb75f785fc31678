'use client';

import { Section } from '@/components/ui/card';
import { deleteImageSet, openDatasetsDb, type ImageSetMeta } from '@/lib/data/dataset-db';
import type { PickedFile } from './dropped-files';
import { FileDropZone } from './file-drop-zone';
import { ImageSetCard } from './image-set-card';
import { IngestStatus } from './ingest-status';
import { useIngest } from './use-ingest';
import { WebcamCapture } from './webcam-capture';

/** Images are stored at this size (side × side RGB): what the CNN template trains on. */
export const IMAGE_SIDE = 32;

/** A set's name: the zip's name, or the dropped folder's, else "images". */
function setName(files: PickedFile[]): string {
  if (files.length === 1 && /\.zip$/i.test(files[0].path)) return files[0].file.name.replace(/\.zip$/i, '');
  const roots = new Set(files.map((f) => f.path.split('/')[0]));
  return roots.size === 1 && files[0].path.includes('/') ? [...roots][0] : 'images';
}

/** Drop a folder (one sub-folder per class) or a zip, or capture from the webcam. */
export function ImagesPanel({ imageSets, reload }: { imageSets: ImageSetMeta[]; reload: () => void }) {
  const { state, run } = useIngest(reload);
  const ingest = (files: PickedFile[]) => {
    if (files.length === 0) return;
    const name = setName(files);
    const isZip = files.length === 1 && /\.zip$/i.test(files[0].path);
    void run(name, isZip ? { type: 'zip', name, side: IMAGE_SIDE, file: files[0].file } : { type: 'images', name, side: IMAGE_SIDE, files });
  };
  const remove = async (name: string) => {
    const db = await openDatasetsDb();
    await deleteImageSet(db, name).finally(() => db.close());
    reload();
  };
  return (
    <Section title="Images" id="images">
      <FileDropZone
        prompt="Drop a folder with one sub-folder per class (cats/…, dogs/…) or a zip of it here, or"
        pickers={[
          { label: 'Choose a folder', directory: true },
          { label: 'Choose a zip', accept: '.zip,application/zip' },
        ]}
        disabled={state.status === 'working'}
        onFiles={ingest}
      />
      <WebcamCapture disabled={state.status === 'working'} onCaptured={ingest} />
      <IngestStatus state={state} unit="images" />
      {imageSets.map((meta) => (
        <ImageSetCard key={meta.name} meta={meta} onDelete={() => void remove(meta.name)} />
      ))}
    </Section>
  );
}
