import http from 'node:http';

/**
 * A node:http client over kept-alive sockets (one per concurrent caller), for benchmarks that
 * measure a server rather than a client: in a profile, undici's fetch spent ≈ 0.7 ms of its own
 * per request here (Request/Response objects, abort signals, web streams), as much as the MNIST
 * MLP's whole inference.
 */
export interface KeepAliveClient {
  /** Sends one request and reads the whole answer. */
  request(opts: { method: string; path: string; headers?: Record<string, string>; body?: Uint8Array }): Promise<{ status: number; body: Buffer }>;
  close(): void;
}

export function keepAliveClient(baseUrl: string, maxSockets: number): KeepAliveClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    request: ({ method, path, headers = {}, body }) =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: hostname, port, method, path, agent, headers: body ? { ...headers, 'content-length': String(body.byteLength) } : headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
