'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSyncStatus } from '@/components/sync/use-sync-status';

const LINKS = [
  { href: '/', label: 'Notebooks', match: (p: string) => p === '/' || p.startsWith('/notebooks') },
  { href: '/runs', label: 'Runs', match: (p: string) => p.startsWith('/runs') },
  { href: '/sweeps', label: 'Sweeps', match: (p: string) => p.startsWith('/sweeps') },
  { href: '/classes', label: 'Classes', match: (p: string) => p.startsWith('/classes') },
  // Not on phones: five links fill 360 px (the models pages are reached from the run page there).
  { href: '/models', label: 'Models', match: (p: string) => p.startsWith('/models'), wide: true },
];

const linkClasses = (active: boolean) =>
  `rounded-md px-1 py-1.5 text-[13px] transition-colors sm:px-2.5 sm:text-sm ${active ? 'bg-zinc-100 font-medium text-zinc-900' : 'text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900'}`;

/** Settings, with a dot when sync needs attention (server unreachable, or it refused something). */
function SettingsLink({ active }: { active: boolean }) {
  const status = useSyncStatus();
  const trouble = status.enabled && status.leader && (status.state === 'offline' || status.state === 'error') ? status.state : null;
  const title = trouble === 'offline' ? `Sync server unreachable; ${status.queued} batch(es) wait in this browser` : trouble === 'error' ? `Sync error: ${status.lastError ?? ''}` : undefined;
  return (
    <Link href="/settings" aria-current={active ? 'page' : undefined} className={`${linkClasses(active)} inline-flex items-center gap-1.5`} title={title}>
      Settings
      {trouble && (
        <>
          <span aria-hidden data-testid="nav-sync-trouble" className={`size-1.5 rounded-full ${trouble === 'offline' ? 'bg-amber-500' : 'bg-red-500'}`} />
          <span className="sr-only">({trouble === 'offline' ? 'sync server unreachable' : 'sync error'})</span>
        </>
      )}
    </Link>
  );
}

export function TopNav() {
  const pathname = usePathname() ?? '/';
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white">
      {/* 360 px phones: the name shrinks to the logo, gaps and link padding tighten, so all five links still fit. */}
      <nav aria-label="Main" className="mx-auto flex h-12 w-full max-w-7xl items-center gap-1.5 px-3 sm:gap-6 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900">
          <span aria-hidden className="grid size-6 place-items-center rounded-md bg-accent-600 text-[11px] font-bold text-white">
            B
          </span>
          <span className="sr-only sm:not-sr-only">Benchtop</span>
        </Link>
        <ul className="flex items-center sm:gap-1">
          {LINKS.map((link) => {
            const active = link.match(pathname);
            return (
              <li key={link.href} className={'wide' in link ? 'hidden sm:block' : undefined}>
                <Link href={link.href} aria-current={active ? 'page' : undefined} className={linkClasses(active)}>
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="ml-auto">
          <SettingsLink active={pathname.startsWith('/settings')} />
        </div>
      </nav>
    </header>
  );
}
