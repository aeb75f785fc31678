import type { BackendChoice } from '@/lib/kernel/protocol';
import { BACKEND_CHOICES } from '@/lib/notebook/url-params';

const LABELS: Record<BackendChoice, string> = { auto: 'Auto', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** Forces a TensorFlow.js backend; changing it starts a fresh kernel. */
export function BackendSelect({ value, onChange }: { value: BackendChoice; onChange: (value: BackendChoice) => void }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-xs text-zinc-500">
      <span>Backend</span>
      <select
        aria-label="Backend"
        value={value}
        onChange={(e) => onChange(e.target.value as BackendChoice)}
        className="h-7 rounded-md border border-zinc-300 bg-white px-1.5 text-xs text-zinc-800 shadow-xs focus:border-accent-500 focus:outline-none"
      >
        {BACKEND_CHOICES.map((b) => (
          <option key={b} value={b}>{LABELS[b]}</option>
        ))}
      </select>
    </label>
  );
}
