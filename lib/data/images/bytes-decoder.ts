import { decodeImageBlob } from './browser-decode';

/** Encoded image bytes → side × side RGB. The kernel decodes the sample zip's files with it. */
export type BytesDecoder = (bytes: Uint8Array, side: number) => Promise<Uint8Array>;

let decoder: BytesDecoder = (bytes, side) => decodeImageBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]), side);

export function decodeImageBytes(bytes: Uint8Array, side: number): Promise<Uint8Array> {
  return decoder(bytes, side);
}

/** Replaces the decoder (Node has no createImageBitmap: tests decode the sample's BMPs themselves). */
export function setBytesDecoder(next: BytesDecoder): void {
  decoder = next;
}
