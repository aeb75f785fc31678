'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { EraseIcon } from '@/components/ui/icons';
import { DIGIT_SIDE, rgbaToIntensity, toMnistDigit } from '@/lib/onnx/infer/pixels';

const PAD = 280;
/** Stroke width on the 280 px pad; after scaling into MNIST's 20 px box it is about 2 px. */
const BRUSH = 22;

/**
 * A drawing pad for digits: white strokes on black like MNIST. When a stroke ends, the drawing is
 * reduced to 28×28 (centred like MNIST) and passed to `onDigit`; the small preview shows exactly
 * what the model receives.
 */
export function DigitCanvas({ onDigit }: { onDigit: (pixels: Float32Array | null) => void }) {
  const pad = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  const clear = () => {
    const ctx = pad.current?.getContext('2d');
    if (ctx) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, PAD, PAD);
    }
    preview.current?.getContext('2d')?.clearRect(0, 0, DIGIT_SIDE, DIGIT_SIDE);
  };

  useEffect(clear, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - rect.left) / rect.width) * PAD, ((e.clientY - rect.top) / rect.height) * PAD] as const;
  };

  const finish = () => {
    if (!drawing.current || !pad.current) return;
    drawing.current = false;
    const rgba = pad.current.getContext('2d')!.getImageData(0, 0, PAD, PAD).data;
    const digit = toMnistDigit(rgbaToIntensity(rgba, PAD), PAD);
    const ctx = preview.current?.getContext('2d');
    if (ctx) {
      const img = ctx.createImageData(DIGIT_SIDE, DIGIT_SIDE);
      digit.forEach((v, i) => {
        img.data.set([v * 255, v * 255, v * 255, 255], i * 4);
      });
      ctx.putImageData(img, 0, 0);
    }
    onDigit(digit.some((v) => v > 0) ? digit : null);
  };

  return (
    <div className="flex flex-wrap items-end gap-4">
      <canvas
        ref={pad}
        width={PAD}
        height={PAD}
        data-testid="digit-canvas"
        aria-label="Digit drawing pad: draw a digit with the mouse, a pen or a finger"
        className="size-[280px] cursor-crosshair touch-none rounded-md border border-zinc-300 bg-black"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const ctx = e.currentTarget.getContext('2d')!;
          const [x, y] = point(e);
          ctx.strokeStyle = '#fff';
          ctx.lineWidth = BRUSH;
          ctx.lineCap = 'round';
          ctx.lineJoin = 'round';
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.lineTo(x + 0.01, y);
          ctx.stroke();
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d')!;
          const [x, y] = point(e);
          ctx.lineTo(x, y);
          ctx.stroke();
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
      />
      <div className="space-y-2">
        <p className="text-xs text-zinc-500">Model input (28×28)</p>
        <canvas ref={preview} width={DIGIT_SIDE} height={DIGIT_SIDE} className="size-[84px] rounded border border-zinc-300 bg-black [image-rendering:pixelated]" aria-hidden />
        <Button
          size="sm"
          icon={<EraseIcon />}
          onClick={() => {
            clear();
            onDigit(null);
          }}
        >
          Clear
        </Button>
      </div>
    </div>
  );
}
