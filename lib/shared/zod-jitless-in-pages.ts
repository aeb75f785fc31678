import { config } from 'zod/v4/core';

/**
 * zod compiles object parsers with `new Function` where it may, and finds out by trying once,
 * when the first object schema is built. Pages forbid eval (Content-Security-Policy,
 * lib/server/security-headers.ts), so in a document that try is a reported CSP violation: tell
 * zod not to. This must run before any module builds a schema, so it is imported by
 * instrumentation-client.ts, which Next runs before the page's modules (importing it from one
 * schema file was not enough once pages loaded their schemas lazily, in another order).
 * Workers and the server allow eval and keep the fast path.
 */
if (typeof document !== 'undefined') config({ jitless: true });
