import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as NetServer } from 'node:net';

type Handle = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A node:http server that stamps each request's socket peer, then calls `handle`. */
export declare function createAppServer(handle: Handle): Server;
/** The same over TLS; plain HTTP on its port is redirected (308) to https://. */
export declare function createHttpsAppServer(handle: Handle, tls: { cert: string; key: string }): NetServer & { closeAllConnections(): void };
