import { NextResponse, type NextRequest } from 'next/server';
import { pageContentSecurityPolicy } from '@/lib/server/security-headers';

/**
 * Gives each page request a fresh CSP nonce (see lib/server/security-headers.ts). Next reads the
 * nonce from the request's Content-Security-Policy header and puts it on its own inline scripts;
 * that only happens when a page renders per request, which app/layout.tsx asks for.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, Next's static chunks (worker scripts keep their own policy) or public files.
      source: '/((?!api/|_next/static/|_next/image|ort/|tfjs-wasm/|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
