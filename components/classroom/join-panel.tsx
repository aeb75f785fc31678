'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { joinLinkIsSecure } from '@/lib/classroom/join-link';
import { QrCode } from './qr-code';

/**
 * What the teacher puts on the projector: the code in type readable from the back row, the link,
 * and a QR code a phone camera picks up from a few metres.
 */
export function JoinPanel({ code, link, ended, fingerprint256 }: { code: string; link: string; ended: boolean; fingerprint256: string | null }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(link);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  }
  return (
    <section aria-labelledby="join-heading" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="join-heading" className="text-sm font-semibold text-zinc-900">{ended ? 'Join code (the class has ended: nobody can join)' : 'Students join with'}</h2>
      <div className="flex flex-wrap items-center gap-8">
        <div className="min-w-0 space-y-3">
          <p className={`font-mono text-6xl font-bold tracking-[0.15em] break-all sm:text-8xl ${ended ? 'text-zinc-500 line-through' : 'text-zinc-900'}`}>
            {/* Read letter by letter by screen readers, as students will type it. */}
            <span aria-hidden data-testid="join-code">{code}</span>
            <span className="sr-only">{`Join code: ${code.split('').join(' ')}`}</span>
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <a href={link} data-testid="join-link" className="font-mono text-base break-all text-accent-700 underline underline-offset-2 sm:text-lg">{link}</a>
            <Button size="sm" onClick={() => void copy()}>{copied ? 'Copied' : 'Copy link'}</Button>
          </div>
          <p className="text-sm text-zinc-600">or open <span className="font-mono">/join</span> on this server and type the code.</p>
          {fingerprint256 && joinLinkIsSecure(link) && (
            <p className="max-w-xl text-xs text-zinc-600">
              Certificate SHA-256 (students may compare it with their browser&apos;s certificate details before accepting the warning):{' '}
              <span className="font-mono break-all text-zinc-800" data-testid="cert-fingerprint">{fingerprint256}</span>
            </p>
          )}
        </div>
        {!ended && <QrCode text={link} sizePx={288} label={`QR code for ${link}`} />}
      </div>
      {!joinLinkIsSecure(link) && <InsecureLinkWarning />}
    </section>
  );
}

/** Plain HTTP on the LAN is no secure context: students' browsers hide WebGPU and train on webgl/cpu. */
function InsecureLinkWarning() {
  return (
    <Alert tone="amber" title="Students will not get WebGPU over plain HTTP">
      Browsers only offer WebGPU on a secure page (HTTPS, or localhost on the same machine). Serve the class with{' '}
      <code className="font-mono">npm run app -- --https</code> (or <code className="font-mono">BENCHTOP_HTTPS=1</code>), then reopen this page:
      the README&apos;s <q>Serving a class (HTTPS)</q> explains the certificate warning students see once, and the alternatives (a reverse proxy, a tunnel).
      Over HTTP their runs still work, on webgl or cpu.
    </Alert>
  );
}
