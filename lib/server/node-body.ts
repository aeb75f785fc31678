import type http from 'node:http';

/** How long an answered request's unread body is still drained before the socket is cut. */
export const LINGER_MS = 2_000;

/**
 * A node:http request body as a web stream, with backpressure (the socket is paused while the
 * handler's queue is full). Unlike `Readable.toWeb`, cancelling it (a 413 mid-upload) does not
 * destroy the socket: a destroyed socket with unread bytes sends a TCP reset, and the client
 * then loses the error answer it was about to read. The rest is left to `lingerOnUnreadBody`.
 */
export function requestBodyStream(req: http.IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on('data', (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (!done) controller.close();
          done = true;
        });
        // A client that goes away mid-upload: the reader fails, the partial file is removed.
        req.on('close', () => {
          if (!done && !req.complete) controller.error(new Error('the client closed the connection before the body ended'));
          done = true;
        });
        req.on('error', (err) => {
          if (!done) controller.error(err);
          done = true;
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.pause();
      },
    },
    // Up to 1 MiB queued ahead of the handler.
    new ByteLengthQueuingStrategy({ highWaterMark: 1 << 20 }),
  );
}

/**
 * After the answer went out while the request body was still arriving (413, 401, a checksum
 * refused early): keep reading and discarding it for LINGER_MS, so the client reads the answer,
 * then cut the connection if it is still sending. The connection stays usable when the body ends
 * in time, which is why the answer does not say `connection: close`.
 */
export function lingerOnUnreadBody(req: http.IncomingMessage): void {
  if (req.complete) return;
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  // Whatever arrives now is nobody's: discard it instead of queueing it for the unread stream.
  req.removeAllListeners('data');
  req.resume();
}
