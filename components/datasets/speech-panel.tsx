'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Section } from '@/components/ui/card';
import { TrashIcon } from '@/components/ui/icons';
import { speechKwsTemplate } from '@/lib/bench/templates/speech-kws';
import { openDatasetsDb, type AudioClip } from '@/lib/data/dataset-db';
import { createNotebookForDataset } from './open-in-notebook';
import { useClipRecorder } from './use-clip-recorder';

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatasetsDb>>) => Promise<T>): Promise<T> {
  const db = await openDatasetsDb();
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

function play(clip: AudioClip) {
  const context = new AudioContext();
  const buffer = context.createBuffer(1, clip.samples.length, clip.sampleRate);
  buffer.copyToChannel(clip.samples as Float32Array<ArrayBuffer>, 0);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.onended = () => void context.close();
  source.start();
}

/** Record your own words (hold to record), listed and playable, kept in IndexedDB for the keyword template. */
export function SpeechPanel() {
  const id = useId();
  const router = useRouter();
  const [word, setWord] = useState('yes');
  const [clips, setClips] = useState<AudioClip[]>([]);
  const reload = useCallback(() => void withDb((db) => db.getAll('clips')).then((all) => setClips(all.sort((a, b) => a.createdAt - b.createdAt))), []);
  useEffect(reload, [reload]);
  const save = useCallback(
    (clip: { samples: Float32Array; sampleRate: number }) => {
      const record: AudioClip = { id: `clip-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, label: word.trim() || 'word', createdAt: Date.now(), ...clip };
      void withDb((db) => db.put('clips', record)).then(reload);
    },
    [word, reload],
  );
  const recorder = useClipRecorder(save);
  useEffect(() => recorder.release, [recorder.release]);
  const words = [...new Set(clips.map((c) => c.label))];

  return (
    <Section title="Spoken words" id="speech">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm">
        <span>
          <label htmlFor={`${id}-word`} className="block font-medium text-zinc-900">
            Word
          </label>
          <input id={`${id}-word`} value={word} onChange={(e) => setWord(e.target.value)} className="w-36 rounded-md border border-zinc-300 px-2 py-1" />
        </span>
        <Button
          variant="primary"
          aria-pressed={recorder.state === 'recording'}
          onPointerDown={() => void recorder.start()}
          onPointerUp={recorder.stop}
          onPointerLeave={recorder.stop}
          onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && !e.repeat && void recorder.start()}
          onKeyUp={(e) => (e.key === ' ' || e.key === 'Enter') && recorder.stop()}
        >
          {recorder.state === 'recording' ? 'Recording… release to stop' : 'Hold to record'}
        </Button>
        <span aria-live="polite" className="text-zinc-600">
          {recorder.state === 'decoding' ? 'Saving…' : `${clips.length} clip(s) of ${words.length} word(s); the template adds them to the six shipped words.`}
        </span>
        <Button disabled={words.length < 2} onClick={() => void createNotebookForDataset(speechKwsTemplate, 'clips', 'both').then((nb) => router.push(`/notebooks/${nb}`))}>
          New notebook: keyword spotting
        </Button>
        {recorder.error && (
          <span role="alert" className="text-red-700">
            {recorder.error}
          </span>
        )}
      </div>
      {clips.length > 0 && (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white text-sm" aria-label="Recorded clips" data-testid="clip-list">
          {clips.map((clip, i) => (
            <li key={clip.id} className="flex items-center gap-3 px-3 py-1.5">
              <span className="min-w-0 flex-1 truncate">
                {clip.label} · {(clip.samples.length / clip.sampleRate).toFixed(1)} s
              </span>
              <Button size="sm" onClick={() => play(clip)} aria-label={`Play clip ${i + 1} (${clip.label})`}>
                Play
              </Button>
              <Button size="sm" variant="ghost" icon={<TrashIcon />} aria-label={`Delete clip ${i + 1} (${clip.label})`} onClick={() => void withDb((db) => db.delete('clips', clip.id)).then(reload)} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
