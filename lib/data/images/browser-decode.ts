/// <reference lib="webworker" />
/**
 * Browser (and worker) image decoding: createImageBitmap decodes whatever the browser can (PNG,
 * JPEG, GIF, WebP, BMP…), an OffscreenCanvas center-crops it to a square and resizes it to
 * side × side, and the alpha channel is dropped. Throws on a file that is not an image.
 */
export async function decodeImageBlob(blob: Blob, side: number): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(blob).catch((error: unknown) => {
    throw new Error(`not an image this browser can decode (${error instanceof Error ? error.name : String(error)})`);
  });
  try {
    const canvas = new OffscreenCanvas(side, side);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2-D canvas in this browser');
    const crop = Math.min(bitmap.width, bitmap.height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, (bitmap.width - crop) / 2, (bitmap.height - crop) / 2, crop, crop, 0, 0, side, side);
    return rgbaToRgb(context.getImageData(0, 0, side, side).data);
  } finally {
    bitmap.close();
  }
}

export function rgbaToRgb(rgba: Uint8ClampedArray): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i];
    rgb[j + 1] = rgba[i + 1];
    rgb[j + 2] = rgba[i + 2];
  }
  return rgb;
}
