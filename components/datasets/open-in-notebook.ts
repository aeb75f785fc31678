'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { saveNewNotebook } from '@/components/home/use-notebooks';
import type { BenchTemplate } from '@/lib/bench/templates/template';
import { notebookFromTemplate } from '@/lib/notebook/notebook';

/**
 * A new notebook from `template` whose `bench.param(param, 'sample')` default names this dataset
 * instead, so Run all trains on it with no URL parameter. Returns the notebook's id.
 */
export async function createNotebookForDataset(template: BenchTemplate, param: string, name: string): Promise<string> {
  const sampleDefault = `bench.param('${param}', 'sample')`;
  const cells = template.cells.map((c) => ({ ...c, source: c.source.replace(sampleDefault, `bench.param('${param}', ${JSON.stringify(name)})`) }));
  if (!cells.some((c, i) => c.source !== template.cells[i].source)) throw new Error(`template ${template.id} has no ${sampleDefault} to point at "${name}"`);
  const doc = notebookFromTemplate({ ...template, title: `${template.title} · ${name}`, cells }, { now: Date.now() });
  await saveNewNotebook(doc);
  return doc.id;
}

/** A card's "New notebook" action: creates the notebook and goes there, or holds why it could not. */
export function useOpenInNotebook(template: BenchTemplate, param: string, name: string) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const open = async () => {
    try {
      router.push(`/notebooks/${await createNotebookForDataset(template, param, name)}`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return { open, problem };
}
