'use client';

import { useAsync } from '@/components/store/use-async';
import { openDatasetsDb, type ImageSetMeta, type TableMeta } from '@/lib/data/dataset-db';

/** The tables and image sets stored in this browser (metadata only), newest first. */
export function useStoredDatasets() {
  return useAsync(async () => {
    const db = await openDatasetsDb();
    try {
      const [tables, imageSets] = await Promise.all([db.getAll('tables'), db.getAll('imageSets')]);
      const newest = <T extends { createdAt: number }>(items: T[]) => items.sort((a, b) => b.createdAt - a.createdAt);
      return { tables: newest(tables) as TableMeta[], imageSets: newest(imageSets) as ImageSetMeta[] };
    } finally {
      db.close();
    }
  }, []);
}

/** Writes a changed table description (target, missing-value policy) back; rows stay as they are. */
export async function saveTableMeta(meta: TableMeta): Promise<void> {
  const db = await openDatasetsDb();
  try {
    await db.put('tables', meta);
  } finally {
    db.close();
  }
}
