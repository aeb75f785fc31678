import { formatMetric } from '@/components/ui/format';

const CELL_PX = 14;
const LABEL_CHARS = 12;

/** White → deep blue over [min, max] (lightness only, so it reads in grayscale too). */
function shade(v: number, min: number, max: number): string {
  const t = max > min && Number.isFinite(v) ? (v - min) / (max - min) : 0;
  return `hsl(215 80% ${Math.round(97 - t * 67)}%)`;
}

const clip = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/** A bench.heatmap output: one square per value, rows and columns labelled, each square titled with its value. */
export function OutputHeatmap({ title, rows, columns, values }: { title: string; rows: string[]; columns: string[]; values: number[] }) {
  const finite = values.filter(Number.isFinite);
  const min = finite.length ? Math.min(...finite) : 0;
  const max = finite.length ? Math.max(...finite) : 0;
  const labelPx = 7 * Math.min(LABEL_CHARS, Math.max(1, ...rows.map((r) => r.length), ...columns.map((c) => c.length))) + 6;
  const width = labelPx + columns.length * CELL_PX;
  const height = labelPx + rows.length * CELL_PX;
  return (
    <figure className="max-w-full overflow-x-auto" data-testid="heatmap">
      {title && <figcaption className="mb-1 text-xs font-medium text-zinc-700">{title}</figcaption>}
      <svg width={width} height={height} role="img" aria-label={`${title || 'Heatmap'}: ${rows.length} × ${columns.length} values from ${formatMetric(min)} to ${formatMetric(max)}`} className="font-mono text-[10px]">
        {columns.map((c, j) => (
          <text key={`c${j}`} transform={`translate(${labelPx + j * CELL_PX + CELL_PX * 0.7}, ${labelPx - 4}) rotate(-90)`} className="fill-zinc-600">
            {clip(c)}
          </text>
        ))}
        {rows.map((r, i) => (
          <g key={`r${i}`}>
            <text x={labelPx - 4} y={labelPx + i * CELL_PX + CELL_PX * 0.75} textAnchor="end" className="fill-zinc-600">
              {clip(r)}
            </text>
            {columns.map((c, j) => {
              const v = values[i * columns.length + j];
              return (
                <rect key={j} x={labelPx + j * CELL_PX} y={labelPx + i * CELL_PX} width={CELL_PX} height={CELL_PX} fill={shade(v, min, max)}>
                  <title>{`${r} → ${c}: ${formatMetric(v)}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
