'use client';

import { useId, useState, type FormEvent } from 'react';
import { useNotebookList } from '@/components/home/use-notebooks';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/card';
import { teacherApi } from '@/lib/classroom/teacher-client';
import { NotebookFileV1 } from '@/lib/notebook/format';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { getNotebookStore } from '@/lib/track/tab-stores';
import { ClassroomFailureAlert, toFailure, type ClassroomFailure } from './classroom-failure';

const METRIC_SUGGESTIONS = ['val/accuracy', 'val/loss', 'train/accuracy', 'train/loss', 'accuracy', 'loss'];
const inputClass = 'h-8 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 text-sm font-normal';
const labelClass = 'flex min-w-0 flex-col gap-1 text-sm font-medium text-zinc-800';

/** Losses go down, everything else we suggest goes up: the goal follows the metric until chosen. */
const guessGoal = (metric: string): 'min' | 'max' => (/loss|error|mse|mae|perplexity/i.test(metric) ? 'min' : 'max');

/**
 * Publishes one of this browser's notebooks (IndexedDB) to the class: the server keeps a snapshot,
 * so later edits here do not change what students copy.
 */
export function PublishAssignmentForm({ conn, classId, onPublished }: { conn: ServerConnection; classId: string; onPublished: () => void }) {
  const { state } = useNotebookList();
  const [notebookId, setNotebookId] = useState('');
  const [title, setTitle] = useState('');
  const [metric, setMetric] = useState('val/accuracy');
  const [goal, setGoal] = useState<'min' | 'max' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ClassroomFailure | null>(null);
  const datalistId = useId();
  const notebooks = state.status === 'ready' ? state.value : [];
  const chosen = notebooks.find((n) => n.id === notebookId);
  const effectiveGoal = goal ?? guessGoal(metric);

  async function publish(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const record = await (await getNotebookStore()).getNotebook(notebookId);
      if (!record) throw new Error('That notebook is no longer in this browser: reload the page and pick another.');
      const file = NotebookFileV1.safeParse(record.file);
      if (!file.success) throw new Error(`That notebook is damaged in this browser's storage (${file.error.issues[0]?.message ?? 'unknown problem'}): open it once, or pick another.`);
      await teacherApi.publish(conn, classId, { title: (title.trim() || chosen?.title) ?? 'Assignment', notebook: file.data, metric: metric.trim(), goal: effectiveGoal });
      setTitle('');
      onPublished();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'loading') return <Spinner label="Loading this browser's notebooks" />;
  if (state.status === 'error') return <ClassroomFailureAlert failure={{ status: -1, message: state.error }} what="This browser's notebooks could not be read" />;
  if (notebooks.length === 0) return <p className="text-sm text-zinc-600">This browser has no notebooks yet: create one from a template on the Notebooks page, then publish it here.</p>;

  return (
    <form onSubmit={(e) => void publish(e)} aria-label="Publish a notebook" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className={labelClass}>
          Notebook
          <select value={notebookId} onChange={(e) => setNotebookId(e.target.value)} required className={inputClass}>
            <option value="">Pick one of this browser&apos;s notebooks…</option>
            {notebooks.map((n) => (
              <option key={n.id} value={n.id}>{n.title}</option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Title for students
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder={chosen?.title ?? 'the notebook title'} className={inputClass} />
        </label>
        <label className={labelClass}>
          Leaderboard metric
          <input value={metric} onChange={(e) => setMetric(e.target.value)} required maxLength={200} list={datalistId} className={`${inputClass} font-mono`} />
          <datalist id={datalistId}>{METRIC_SUGGESTIONS.map((m) => <option key={m} value={m} />)}</datalist>
        </label>
        <label className={labelClass}>
          Best is
          <select value={effectiveGoal} onChange={(e) => setGoal(e.target.value === 'min' ? 'min' : 'max')} className={inputClass}>
            <option value="max">the highest value (max)</option>
            <option value="min">the lowest value (min)</option>
          </select>
        </label>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy || !notebookId || metric.trim() === ''}>{busy ? 'Publishing…' : 'Publish to the class'}</Button>
        <p className="text-xs text-zinc-600">Students get their own copy; your later edits do not reach them.</p>
      </div>
      {failure && <ClassroomFailureAlert failure={failure} what="The notebook was not published" />}
    </form>
  );
}
