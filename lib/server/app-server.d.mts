import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A node:http server that stamps each request's socket peer, then calls `handle`. */
export declare function createAppServer(handle: (req: IncomingMessage, res: ServerResponse) => unknown): Server;
