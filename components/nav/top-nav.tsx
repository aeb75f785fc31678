'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Notebooks', match: (p: string) => p === '/' || p.startsWith('/notebooks') },
  { href: '/runs', label: 'Runs', match: (p: string) => p.startsWith('/runs') },
  { href: '/sweeps', label: 'Sweeps', match: (p: string) => p.startsWith('/sweeps') },
];

export function TopNav() {
  const pathname = usePathname() ?? '/';
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-12 w-full max-w-7xl items-center gap-6 px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-zinc-900">
          <span aria-hidden className="grid size-6 place-items-center rounded-md bg-accent-600 text-[11px] font-bold text-white">
            B
          </span>
          Benchtop
        </Link>
        <ul className="flex items-center gap-1">
          {LINKS.map((link) => {
            const active = link.match(pathname);
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={active ? 'page' : undefined}
                  className={`rounded-md px-2.5 py-1.5 text-sm transition-colors ${
                    active ? 'bg-zinc-100 font-medium text-zinc-900' : 'text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900'
                  }`}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
