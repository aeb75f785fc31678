'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { PickedFile } from './dropped-files';

/** Captured frames are center-cropped squares of this side (the ingest worker resizes them again). */
const FRAME_SIDE = 96;
/** While the capture button is held, one frame per this many ms (Teachable Machine style). */
const HOLD_INTERVAL_MS = 150;

/**
 * Webcam capture: type a class name, hold the button to capture frames of it, repeat for each
 * class, then save them as an image set (the same path as a dropped folder: <set>/<class>/<n>.png).
 */
export function WebcamCapture({ onCaptured, disabled }: { onCaptured: (files: PickedFile[]) => void; disabled?: boolean }) {
  const id = useId();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState('class 1');
  const [setName, setSetName] = useState('webcam');
  const [frames, setFrames] = useState<{ label: string; file: File }[]>([]);
  const holding = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  const start = async () => {
    setError(null);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: false }));
    } catch (e) {
      setError(`No camera: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = FRAME_SIDE;
    const crop = Math.min(v.videoWidth, v.videoHeight);
    canvas.getContext('2d')!.drawImage(v, (v.videoWidth - crop) / 2, (v.videoHeight - crop) / 2, crop, crop, 0, 0, FRAME_SIDE, FRAME_SIDE);
    const name = label.trim() || 'class';
    canvas.toBlob((blob) => blob && setFrames((f) => [...f, { label: name, file: new File([blob], `${f.length + 1}.png`, { type: 'image/png' }) }]), 'image/png');
  };
  const stopHold = () => {
    if (holding.current) clearInterval(holding.current);
    holding.current = null;
  };
  const counts = frames.reduce((m, f) => m.set(f.label, (m.get(f.label) ?? 0) + 1), new Map<string, number>());

  if (!stream)
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-600">
        <Button onClick={() => void start()} disabled={disabled}>
          Capture from the webcam
        </Button>
        {error && (
          <span role="alert" className="text-red-700">
            {error}
          </span>
        )}
      </div>
    );
  return (
    <div className="flex flex-wrap gap-4 rounded-lg border border-zinc-200 bg-white p-3" data-testid="webcam">
      <video ref={video} autoPlay muted playsInline className="h-36 w-48 rounded bg-zinc-900 object-cover" aria-label="Webcam preview" />
      <div className="min-w-0 flex-1 space-y-2 text-sm">
        <label htmlFor={`${id}-label`} className="block font-medium text-zinc-900">
          Class of the next frames
        </label>
        <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} className="w-full max-w-60 rounded-md border border-zinc-300 px-2 py-1" />
        <div className="flex flex-wrap gap-2">
          <Button
            variant="primary"
            onPointerDown={() => {
              capture();
              holding.current = setInterval(capture, HOLD_INTERVAL_MS);
            }}
            onPointerUp={stopHold}
            onPointerLeave={stopHold}
            onKeyDown={(e) => (e.key === ' ' || e.key === 'Enter') && capture()}
          >
            Hold to capture
          </Button>
          <Button onClick={() => (stream.getTracks().forEach((t) => t.stop()), setStream(null))}>Stop camera</Button>
        </div>
        <p aria-live="polite" data-testid="webcam-counts">
          {frames.length === 0 ? 'No frames yet.' : [...counts].map(([c, n]) => `${c}: ${n}`).join(' · ')}
        </p>
        <div className="flex flex-wrap items-end gap-2">
          <span>
            <label htmlFor={`${id}-set`} className="block font-medium text-zinc-900">
              Set name
            </label>
            <input id={`${id}-set`} value={setName} onChange={(e) => setSetName(e.target.value)} className="w-40 rounded-md border border-zinc-300 px-2 py-1" />
          </span>
          <Button
            disabled={disabled || counts.size < 2}
            onClick={() => {
              onCaptured(frames.map((f, i) => ({ path: `${setName.trim() || 'webcam'}/${f.label}/${i + 1}.png`, file: f.file })));
              setFrames([]);
            }}
          >
            Save {frames.length} frames as an image set
          </Button>
        </div>
      </div>
    </div>
  );
}
