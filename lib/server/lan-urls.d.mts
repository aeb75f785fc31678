import type { NetworkInterfaceInfo } from 'node:os';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Non-internal IPv4 addresses, then non-link-local IPv6 ones, without duplicates. */
export declare function lanAddresses(interfaces?: Interfaces): string[];
/** An address as a URL host (`[…]` around IPv6). */
export declare function urlHost(address: string): string;
/** Whether a listen host means every interface (unset, 0.0.0.0, ::). */
export declare function isWildcardHost(host: string | undefined): boolean;
/** `protocol://<lan address>:port` for each address the server is reachable at from the LAN. */
export declare function lanUrls(options: { protocol: 'http' | 'https'; port: number; host?: string; interfaces?: Interfaces }): string[];
