import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as React SVG: one path of unit squares, drawn from the encoder's module matrix (no
 * string of SVG markup injected into the page). Black on white with the standard 4-module quiet
 * zone, whatever the page's theme, so phone cameras read it off a projector.
 */
export function QrCode({ text, sizePx, label }: { text: string; sizePx: number; label: string }) {
  const { path, size } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const quiet = 4;
    let d = '';
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    return { path: d, size: modules.size + 2 * quiet };
  }, [text]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={sizePx} height={sizePx} shapeRendering="crispEdges" className="block max-w-full bg-white" style={{ height: 'auto' }}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
