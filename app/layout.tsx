import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import { TopNav } from '@/components/nav/top-nav';
import { SyncAgent } from '@/components/sync/sync-agent';
import { QueryProvider } from '@/components/data/query-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Benchtop', template: '%s · Benchtop' },
  description: 'A browser notebook for deep learning: train on your GPU, track every run.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: Next puts the CSP nonce from proxy.ts on its inline scripts only then.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        {/* First in the tab order: keyboard users skip the navigation (visible once focused). */}
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 font-medium text-accent-700 shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <QueryProvider>
          <SyncAgent />
          <TopNav />
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-6 outline-none sm:px-6 sm:py-8">
            {children}
          </main>
        </QueryProvider>
      </body>
    </html>
  );
}
