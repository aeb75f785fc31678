#!/usr/bin/env node
/**
 * First-load JavaScript of pages of a running production server (`next start`): every
 * `<script src>` the page's HTML names (what the browser fetches before the page is interactive;
 * chunks a page imports lazily are not counted), summed raw and gzipped. `next build` in Next 16
 * no longer prints per-route sizes, so this reads them from what the server actually sends.
 *
 *   node scripts/first-load-js.mjs http://localhost:3000 / /runs
 *
 * Prints one JSON document: per path, the scripts' count, bytes and gzip bytes, and the
 * biggest scripts.
 */
/* global fetch, URL */
import { Buffer } from 'node:buffer';
import { gzipSync } from 'node:zlib';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node scripts/first-load-js.mjs <base url> <path>...');
  process.exit(2);
}

/** Script bytes by URL, fetched once across pages (shared chunks are shared). */
const cache = new Map();
async function scriptBytes(url) {
  if (!cache.has(url)) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    cache.set(url, Buffer.from(await res.arrayBuffer()));
  }
  return cache.get(url);
}

const pages = [];
for (const path of paths) {
  const res = await fetch(new URL(path, base));
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  const html = await res.text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1].replaceAll('&amp;', '&'), base).toString()))];
  const scripts = [];
  for (const src of srcs) {
    const body = await scriptBytes(src);
    scripts.push({ src: new URL(src).pathname, bytes: body.length, gzipBytes: gzipSync(body).length });
  }
  const sum = (k) => scripts.reduce((a, s) => a + s[k], 0);
  scripts.sort((a, b) => b.bytes - a.bytes);
  pages.push({ path, scripts: scripts.length, bytes: sum('bytes'), gzipBytes: sum('gzipBytes'), biggest: scripts.slice(0, 3) });
}
console.log(JSON.stringify({ base, pages }, null, 2));
