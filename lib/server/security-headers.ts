/**
 * The security headers every response carries (next.config.ts) and the Content-Security-Policy
 * of pages (proxy.ts, with a fresh nonce per request). Why each CSP source is there:
 *
 * - script-src: Next's inline bootstrap scripts carry the nonce; 'strict-dynamic' lets the
 *   scripts they load (chunks, Monaco, onnxruntime's .mjs) run; 'wasm-unsafe-eval' compiles
 *   WebAssembly (tfjs wasm, onnxruntime-web) without allowing eval. 'self' is the fallback for
 *   browsers without 'strict-dynamic'. No 'unsafe-eval' in production: cell code is evaluated in
 *   the kernel worker, whose script is a separate resource with a policy of its own.
 * - style-src 'unsafe-inline': Monaco injects <style> elements and KaTeX writes style attributes;
 *   a nonce cannot cover either (and a nonce would disable 'unsafe-inline').
 * - worker-src 'self' blob:: the kernel, Monaco and export workers are same-origin scripts;
 *   Emscripten runtimes may start their threads from blob: URLs.
 * - connect-src: the sync server is whatever URL the user sets under Settings, so any http(s).
 * - frame-ancestors 'none': no page may be framed (clickjacking); nothing documented embeds one.
 */
export function pageContentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' http: https: data: blob:${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** On every response: no MIME sniffing, no framing, no Referer beyond this origin (share tokens live in URLs). */
export const COMMON_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];

/** API answers are data, never documents: if one is opened as a page it runs nothing. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
