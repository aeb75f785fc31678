'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { getRunStore } from '@/lib/track/tab-stores';
import { loadModel, type LoadedModel } from './ort-session';

/** Where the model came from, for the page header. */
export type ModelSource =
  | { kind: 'file'; name: string; sizeBytes: number }
  | { kind: 'artifact'; id: string; name: string; runId: string; sizeBytes: number; verification: string | null }
  | { kind: 'registry'; name: string; model: string; version: number; target: 'browser' | 'server'; sizeBytes: number };

/** What Export ONNX measured when it stored the artifact (lib/bench/export/run-export.ts), in one line. */
export function verificationLine(meta: Record<string, unknown> | undefined): string | null {
  if (!meta || typeof meta.quantize !== 'string') return null;
  const parts = [meta.quantize === 'none' ? 'fp32' : meta.quantize];
  if (typeof meta.sizeRatio === 'number') parts.push(`${meta.sizeRatio.toFixed(3)} of fp32`);
  if (typeof meta.top1Agreement === 'number') parts.push(`${(meta.top1Agreement * 100).toFixed(1)}% top-1 agreement with tfjs`);
  if (typeof meta.epoch === 'number') parts.push(`checkpoint of epoch ${meta.epoch}`);
  return parts.join(' · ');
}

export type ModelState =
  | { status: 'empty' }
  | { status: 'loading'; label: string }
  | { status: 'ready'; model: LoadedModel; source: ModelSource }
  | { status: 'error'; message: string };

/**
 * Loads an ONNX model into an onnxruntime session, from a file or from an artifact of a local
 * run (`?artifact=<id>`), releasing the previous session each time.
 */
export function useOnnxModel(artifactId: string | null) {
  const [state, setState] = useState<ModelState>(artifactId ? { status: 'loading', label: `artifact ${artifactId}` } : { status: 'empty' });
  const current = useRef<LoadedModel | null>(null);

  const open = useCallback(async (bytes: Uint8Array, source: ModelSource) => {
    setState({ status: 'loading', label: source.name });
    try {
      const model = await loadModel(bytes);
      await current.current?.session.release();
      current.current = model;
      setState({ status: 'ready', model, source });
    } catch (e) {
      setState({ status: 'error', message: `${source.name} could not be loaded by onnxruntime-web: ${e instanceof Error ? e.message : String(e)}` });
    }
  }, []);

  useEffect(() => {
    if (!artifactId) return;
    let cancelled = false;
    (async () => {
      const found = await (await getRunStore()).getArtifact(artifactId);
      if (cancelled) return;
      if (!found) {
        setState({ status: 'error', message: `No artifact '${artifactId}' in this browser's run store.` });
        return;
      }
      await open(found.bytes, { kind: 'artifact', id: artifactId, name: found.meta.name, runId: found.meta.runId, sizeBytes: found.bytes.length, verification: verificationLine(found.meta.meta) });
    })().catch((e: unknown) => {
      if (!cancelled) setState({ status: 'error', message: `Reading artifact '${artifactId}' failed: ${e instanceof Error ? e.message : String(e)}` });
    });
    return () => {
      cancelled = true;
    };
  }, [artifactId, open]);

  useEffect(() => () => void current.current?.session.release(), []);

  return { state, open, openFile: (file: { name: string; bytes: Uint8Array }) => open(file.bytes, { kind: 'file', name: file.name, sizeBytes: file.bytes.length }) };
}
