import type { ClassScores } from '@/lib/onnx/infer/class-scores';

/** Class probabilities as horizontal bars, the predicted class highlighted. */
export function PredictionBars({ scores }: { scores: ClassScores }) {
  return (
    <div className="space-y-2">
      <p className="text-sm">
        Predicted class <span data-testid="infer-prediction" className="font-mono text-lg font-semibold text-accent-700">{scores.top}</span>
        {scores.softmaxApplied && <span className="ml-2 text-xs text-zinc-500">(raw scores; softmax applied for display)</span>}
      </p>
      <ol className="space-y-1" aria-label="Class probabilities">
        {scores.probabilities.map((p, i) => (
          <li key={i} className="flex items-center gap-2 text-xs">
            <span className="w-6 text-right font-mono text-zinc-600">{i}</span>
            <span className="h-3 flex-1 overflow-hidden rounded bg-zinc-100" aria-hidden>
              <span className={`block h-full ${i === scores.top ? 'bg-accent-600' : 'bg-zinc-400'}`} style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
            <span className="w-14 text-right font-mono tabular-nums">{(p * 100).toFixed(1)}%</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
