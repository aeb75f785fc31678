import { z } from 'zod';

/**
 * zod compiles object parsers with `new Function` where it may, and finds out by trying once.
 * Pages forbid eval (Content-Security-Policy, lib/server/security-headers.ts), so in a document
 * that try is a reported CSP violation: tell zod not to. Workers and the server allow eval and
 * keep the fast path. Imported for its effect by lib/track/schemas.ts, which every page loads.
 */
if (typeof document !== 'undefined') z.config({ jitless: true });
