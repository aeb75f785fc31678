/**
 * 24-bit uncompressed BMP, the format of the shipped sample images: every browser decodes it,
 * and it is small enough to read in Node too (tests decode the sample with decodeBmp, the
 * browser with createImageBitmap, and both must give the same pixels).
 */

const HEADER_BYTES = 54;

/** side × side RGB bytes (top row first) → a BMP file. */
export function encodeBmp(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const out = new Uint8Array(HEADER_BYTES + rowBytes * height);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // 'B'
  out[1] = 0x4d; // 'M'
  view.setUint32(2, out.length, true);
  view.setUint32(10, HEADER_BYTES, true);
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, width, true);
  view.setInt32(22, height, true); // positive: rows bottom-up
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * height, true);
  for (let y = 0; y < height; y++) {
    const row = HEADER_BYTES + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 3;
      out[row + x * 3] = rgb[src + 2]; // BGR on disk
      out[row + x * 3 + 1] = rgb[src + 1];
      out[row + x * 3 + 2] = rgb[src];
    }
  }
  return out;
}

/** A 24-bit bottom-up BMP → RGB bytes, top row first. Throws on anything else. */
export function decodeBmp(bytes: Uint8Array): { rgb: Uint8Array; width: number; height: number } {
  if (bytes.length < HEADER_BYTES || bytes[0] !== 0x42 || bytes[1] !== 0x4d) throw new Error('not a BMP file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const height = view.getInt32(22, true);
  if (view.getUint16(28, true) !== 24 || view.getUint32(30, true) !== 0 || height <= 0 || width <= 0) throw new Error('only 24-bit uncompressed bottom-up BMPs are read here');
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  if (offset + rowBytes * height > bytes.length) throw new Error('BMP file is truncated');
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + (height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const dst = (y * width + x) * 3;
      rgb[dst] = bytes[row + x * 3 + 2];
      rgb[dst + 1] = bytes[row + x * 3 + 1];
      rgb[dst + 2] = bytes[row + x * 3];
    }
  }
  return { rgb, width, height };
}
