import { describe, expect, it } from 'vitest';
import { formatProgress, progressBar } from '@/lib/onnx/cli/progress-bar';
import { psnrDb } from '@/lib/onnx/output-metrics';
import { ProgressTracker, type ExportProgress } from '@/lib/onnx/progress';
import { MAX_TIMED_REPEATS, MIN_VERIFY_SAMPLES, planNote, planVerification } from '@/lib/onnx/verify-plan';

describe('planVerification', () => {
  it('keeps every sample and ten timed repeats for a cheap model', () => {
    const plan = planVerification({ requested: 1000, cost: { tfjsMs: 0.05, onnxMs: 0.02 }, files: 2, maxBatchSize: 64 });
    expect(plan).toMatchObject({ requested: 1000, count: 1000, batchSize: 64, repeats: MAX_TIMED_REPEATS, budgetSeconds: 60 });
  });

  it('fits an InceptionV3-class model into the budget: fewer samples, small batches, one repeat', () => {
    // Issue 14: ~0.35 s per image in tfjs wasm, similar in onnxruntime; fp32 + int8 files.
    const cost = { tfjsMs: 350, onnxMs: 300 };
    const plan = planVerification({ requested: 256, cost, files: 2, maxBatchSize: 64, budgetSeconds: 60 });
    expect(plan.count).toBe(Math.floor((60_000 * 0.8) / 950));
    expect(plan.batchSize).toBe(11);
    expect(plan.repeats).toBe(1);
    expect(plan.estimatedMs).toBeLessThanOrEqual(60_000 * 1.25);
    expect(planNote(plan, cost, 'wasm')).toBe(
      'verified on the first 50 of 256 samples: one sample takes 0.35 s in tfjs (wasm) and 0.30 s in onnxruntime, and the verification budget is 60 s (raise it with --verify-seconds / opts.verifySeconds)',
    );
  });

  it('never goes under the minimum sample count, even past the budget', () => {
    const plan = planVerification({ requested: 256, cost: { tfjsMs: 50_000, onnxMs: 400 }, files: 2, maxBatchSize: 64 });
    expect(plan.count).toBe(MIN_VERIFY_SAMPLES);
    expect(plan.batchSize).toBe(1);
    expect(plan.repeats).toBe(1);
    // With fewer samples than the minimum, all of them.
    expect(planVerification({ requested: 5, cost: { tfjsMs: 50_000, onnxMs: 400 }, files: 1, maxBatchSize: 64 }).count).toBe(5);
  });

  it('says nothing when every sample was verified, and refuses an empty sample', () => {
    const cost = { tfjsMs: 1, onnxMs: 1 };
    expect(planNote(planVerification({ requested: 40, cost, files: 1, maxBatchSize: 64 }), cost, 'cpu')).toBeNull();
    expect(() => planVerification({ requested: 0, cost, files: 1, maxBatchSize: 64 })).toThrow(/sample is empty/);
  });
});

describe('ProgressTracker', () => {
  it('reports the fraction of estimated work and extrapolates the time left from the real time so far', () => {
    let clock = 0;
    const seen: ExportProgress[] = [];
    const tracker = new ProgressTracker((p) => seen.push(p), () => clock);
    tracker.step('convert', 'converting');
    tracker.plan(1000);
    clock = 500; // twice as slow as estimated: 250 ms of estimated work took 500 ms
    tracker.advance('reference', 'tfjs', 250);
    clock = 1000;
    tracker.advance('verify', 'onnxruntime', 250);
    expect(seen.map((p) => [p.phase, p.fraction, p.etaSeconds])).toEqual([
      ['convert', 0, null],
      ['reference', 0.25, 1.5],
      ['verify', 0.5, 1],
    ]);
    tracker.advance('verify', 'onnxruntime', 10_000);
    expect(seen.at(-1)!.fraction).toBe(1);
  });
});

describe('progress bar', () => {
  const p = (fraction: number, label = 'tfjs (wasm) on 50 samples', etaSeconds: number | null = 95): ExportProgress => ({ phase: 'reference', label, fraction, etaSeconds });

  it('draws the bar, percentage, step and time left', () => {
    expect(formatProgress(p(0.5))).toBe('[############------------]  50% tfjs (wasm) on 50 samples · ~1 min 35 s left');
    expect(formatProgress(p(0, 'converting', null))).toBe('[------------------------]   0% converting');
  });

  it('writes a line per step and per tenth when stderr is not a terminal', () => {
    const lines: string[] = [];
    const bar = progressBar({ isTTY: false, write: (s) => lines.push(s) });
    for (let i = 0; i <= 100; i++) bar.listener(p(i / 100));
    bar.listener(p(1, 'onnxruntime int8'));
    bar.end();
    expect(lines).toHaveLength(12);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
  });

  it('redraws one line in place on a terminal, at most every 100 ms', () => {
    let clock = 0;
    const out: string[] = [];
    const bar = progressBar({ isTTY: true, write: (s) => out.push(s) }, () => clock);
    bar.listener(p(0.1));
    bar.listener(p(0.2));
    clock = 150;
    bar.listener(p(0.3));
    bar.end();
    expect(out).toHaveLength(3);
    expect(out[0].startsWith('\r[')).toBe(true);
    expect(out[2]).toBe('\n');
  });
});

describe('psnrDb', () => {
  it('is 20·log10(range / rms error), infinite for identical outputs and -∞ for NaN or a size mismatch', () => {
    const ref = [Float32Array.from([0, 255, 0, 255])];
    expect(psnrDb(ref, [Float32Array.from([0, 255, 0, 255])])).toBe(Infinity);
    expect(psnrDb(ref, [Float32Array.from([2.55, 252.45, 2.55, 252.45])])).toBeCloseTo(40, 4);
    expect(psnrDb(ref, [Float32Array.from([0, NaN, 0, 255])])).toBe(-Infinity);
    expect(psnrDb(ref, [Float32Array.from([0, 255])])).toBe(-Infinity);
  });
});
