import type { IncomingMessage } from 'node:http';

export declare const PEER_HEADER: string;
/** Overwrites the peer header of `req` with this process's secret, the socket's remote address and whether it is TLS. */
export declare function stampPeer(req: IncomingMessage): void;
/** The socket peer stamped by this process's app server, or undefined when there is none or it is forged. */
export declare function readStampedPeer(headers: { get(name: string): string | null }): string | undefined;
/** The stamped peer address and whether the request came over TLS; undefined when unstamped or forged. */
export declare function readStamp(headers: { get(name: string): string | null }): { remoteAddress?: string; secure: boolean } | undefined;
