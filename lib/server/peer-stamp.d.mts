import type { IncomingMessage } from 'node:http';

export declare const PEER_HEADER: string;
/** Overwrites the peer header of `req` with this process's secret and the socket's remote address. */
export declare function stampPeer(req: IncomingMessage): void;
/** The socket peer stamped by this process's app server, or undefined when there is none or it is forged. */
export declare function readStampedPeer(headers: { get(name: string): string | null }): string | undefined;
