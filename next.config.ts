import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS } from './lib/server/security-headers';

/** COOP/COEP make the page cross-origin isolated, so onnxruntime-web and tfjs-wasm may use threads. */
const isolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

const config: NextConfig = {
  // Lets several dev servers (one per engineer) share a checkout: NEXT_DIST_DIR=.next-3500.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  allowedDevOrigins: ['127.0.0.1'],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: [...isolationHeaders, ...COMMON_SECURITY_HEADERS] },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default config;
