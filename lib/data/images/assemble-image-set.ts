import type { ImageSetData, ImageSetMeta } from '../dataset-db';
import { sha256Hex } from '../sha256';
import type { ImageEntry } from './image-entries';

/** side × side RGB bytes, or why the file could not be read as an image. */
export type ImageDecoder<T> = (source: T, side: number) => Promise<Uint8Array>;

export interface AssembleOptions<T> {
  name: string;
  side: number;
  entries: ImageEntry<T>[];
  skipped: { path: string; reason: string }[];
  decode: ImageDecoder<T>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Decodes every entry (a bad file is listed and skipped, never fatal), then packs the set:
 * pixels in entry order, labels as indices into the sorted class names, and a sha256 over
 * side, classes, labels and pixels, so the same images give the same fingerprint.
 */
export async function assembleImageSet<T>(options: AssembleOptions<T>): Promise<{ meta: ImageSetMeta; data: ImageSetData }> {
  const { name, side, entries, decode, onProgress } = options;
  const bad = [...options.skipped];
  const decoded: { label: string; pixels: Uint8Array }[] = [];
  for (const [i, entry] of entries.entries()) {
    try {
      const pixels = await decode(entry.source, side);
      if (pixels.length !== side * side * 3) throw new Error(`decoded to ${pixels.length} bytes, expected ${side * side * 3}`);
      decoded.push({ label: entry.label, pixels });
    } catch (error) {
      bad.push({ path: entry.path, reason: `cannot decode: ${error instanceof Error ? error.message : String(error)}` });
    }
    onProgress?.(i + 1, entries.length);
  }
  const classes = [...new Set(decoded.map((d) => d.label))].sort();
  if (classes.length < 2) throw new Error(`${name}: ${decoded.length} readable image(s) in ${classes.length} class folder(s); need at least 2 classes (one sub-folder per class)`);
  const bytes = side * side * 3;
  const pixels = new Uint8Array(decoded.length * bytes);
  const labels = new Uint8Array(decoded.length);
  decoded.forEach((d, i) => {
    pixels.set(d.pixels, i * bytes);
    labels[i] = classes.indexOf(d.label);
  });
  const counts = classes.map((_, k) => labels.filter((l) => l === k).length);
  const fingerprint = await sha256Hex(`${side}:${classes.join('\u001f')}`, labels, pixels);
  return {
    meta: { name, side, classes, counts, count: decoded.length, bad, fingerprint, createdAt: Date.now() },
    data: { pixels, labels },
  };
}
