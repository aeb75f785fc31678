'use client';

import { useCallback, useRef, useState } from 'react';
import { resample } from '@/lib/data/audio/fit-clip';

/** Recordings are kept at this rate (the model resamples to 8 kHz; 16 kHz leaves room to listen). */
const STORE_RATE = 16_000;
/** Longer holds are cut: the model looks at one second around the loudest part anyway. */
const MAX_SECONDS = 3;

/**
 * Hold-to-record with MediaRecorder: start() on press, stop() on release; the compressed
 * recording is decoded with the page's AudioContext into mono samples at 16 kHz.
 */
export function useClipRecorder(onClip: (clip: { samples: Float32Array; sampleRate: number }) => void) {
  const [state, setState] = useState<'idle' | 'recording' | 'decoding'>('idle');
  const [error, setError] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const stream = useRef<MediaStream | null>(null);

  const start = useCallback(async () => {
    if (recorder.current) return;
    setError(null);
    try {
      stream.current ??= await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false } });
    } catch (e) {
      setError(`No microphone: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(stream.current);
    recorder.current = rec;
    rec.ondataavailable = (e) => chunks.push(e.data);
    rec.onstop = async () => {
      recorder.current = null;
      setState('decoding');
      try {
        const context = new AudioContext();
        const audio = await context.decodeAudioData(await new Blob(chunks, { type: rec.mimeType }).arrayBuffer());
        await context.close();
        const mono = new Float32Array(audio.length);
        for (let c = 0; c < audio.numberOfChannels; c++) audio.getChannelData(c).forEach((s, i) => (mono[i] += s / audio.numberOfChannels));
        const samples = resample(mono.subarray(0, audio.sampleRate * MAX_SECONDS), audio.sampleRate, STORE_RATE);
        if (samples.length < STORE_RATE / 10) throw new Error('shorter than 0.1 s: hold the button while you speak');
        onClip({ samples, sampleRate: STORE_RATE });
      } catch (e) {
        setError(`Could not read the recording: ${e instanceof Error ? e.message : String(e)}`);
      }
      setState('idle');
    };
    rec.start();
    setState('recording');
  }, [onClip]);

  const stop = useCallback(() => recorder.current?.state === 'recording' && recorder.current.stop(), []);
  const release = useCallback(() => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
  }, []);
  return { state, error, start, stop, release };
}
