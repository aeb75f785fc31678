import { z } from 'zod';

/**
 * GET /api/v1/server-info (workspace): how students reach this server. The teacher's join link
 * and QR code use `lanUrls[0]` (falling back to the page's own origin when empty, e.g. behind a
 * reverse proxy or on the standalone API server).
 */
export const ServerInfoSchema = z.object({
  /** The app server itself terminates TLS (`npm run app -- --https`). */
  https: z.boolean(),
  /** `https://<LAN address>:<port>` (or http://), IPv4 first; empty when bound to loopback or unknown. */
  lanUrls: z.array(z.string()),
  /** SHA-256 fingerprint of the served certificate as `AB:CD:…`, or null without TLS. */
  fingerprint256: z.string().nullable(),
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;
