import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { ServedCertificate } from './tls-cert.mjs';

export declare function listenApp(options: {
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  port: number;
  host?: string;
  certificate?: ServedCertificate;
  log?: (line: string) => void;
}): Promise<{ server: Server & { closeAllConnections(): void }; port: number; protocol: 'http' | 'https'; lanUrls: string[] }>;
