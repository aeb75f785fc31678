'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { PlusIcon } from '@/components/ui/icons';
import { newNotebookId } from '@/lib/notebook/cell';
import { blankNotebook, notebookFromTemplate, type NotebookTemplate } from '@/lib/notebook/notebook';
import { asImportedCopy, type ParseNotebookResult } from '@/lib/notebook/parse-file';
import { useNow } from '@/components/runs/use-runs';
import { ImportNotebookButton } from './import-notebook-button';
import { NotebookList } from './notebook-list';
import { RecentRuns } from './recent-runs';
import { TEMPLATES } from './template-catalog';
import { TemplateGallery } from './template-gallery';
import { saveNewNotebook, useNotebookList } from './use-notebooks';

export function HomeView() {
  const router = useRouter();
  const { state, remove } = useNotebookList();
  const now = useNow(30_000);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; errors: string[] } | null>(null);

  async function create(template: NotebookTemplate | null) {
    setBusy(true);
    setProblem(null);
    try {
      const doc = template ? notebookFromTemplate(template, { now: Date.now() }) : blankNotebook({ now: Date.now() });
      await saveNewNotebook(doc);
      router.push(`/notebooks/${doc.id}`);
    } catch (e) {
      setProblem({ title: 'Could not create the notebook', errors: [(e as Error).message] });
      setBusy(false);
    }
  }

  async function imported(result: ParseNotebookResult, fileName: string) {
    if (!result.ok) {
      setProblem({ title: `Could not import ${fileName}`, errors: result.errors });
      return;
    }
    setProblem(null);
    const doc = asImportedCopy(result.doc, { id: newNotebookId(), now: Date.now() });
    try {
      await saveNewNotebook(doc, result.outputs);
      router.push(`/notebooks/${doc.id}`);
    } catch (e) {
      setProblem({ title: `Could not save ${fileName}`, errors: [(e as Error).message] });
    }
  }

  return (
    <div className="space-y-10">
      <PageHeader
        title="Notebooks"
        subtitle="Write a model, train it on your GPU in this tab, and find every run again later."
        actions={
          <>
            <ImportNotebookButton onParsed={imported} />
            <Button variant="primary" icon={<PlusIcon />} disabled={busy} onClick={() => create(null)}>
              New notebook
            </Button>
          </>
        }
      />
      {problem && (
        <Alert title={problem.title}>
          <ul className="list-disc space-y-0.5 pl-5">
            {problem.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Section id="templates" title="Start from a template" actions={<Link href="/datasets" className="text-sm font-medium text-accent-700 hover:underline">Your own data: Datasets</Link>}>
        <TemplateGallery templates={TEMPLATES} onCreate={create} busy={busy} />
      </Section>
      <Section id="notebooks" title="Your notebooks">
        {state.status === 'loading' && <Spinner label="Loading notebooks" />}
        {state.status === 'error' && <Alert title="Could not read notebooks from this browser's storage">{state.error}</Alert>}
        {state.status === 'ready' && state.value.length === 0 && <EmptyState title="No notebooks yet">Start from a template above, or import a .benchtop.json file.</EmptyState>}
        {state.status === 'ready' && state.value.length > 0 && <NotebookList notebooks={state.value} onDelete={remove} now={now} />}
      </Section>
      <RecentRuns />
    </div>
  );
}
