import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TopNav } from '@/components/nav/top-nav';
import { SyncAgent } from '@/components/sync/sync-agent';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Benchtop', template: '%s · Benchtop' },
  description: 'A browser notebook for deep learning: train on your GPU, track every run.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SyncAgent />
        <TopNav />
        <main className="mx-auto w-full max-w-7xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
