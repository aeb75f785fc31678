import type { Metadata } from 'next';
import { CompareView } from '@/components/compare/compare-view';
import { parseCompareQuery } from '@/lib/track/compare/compare-url';

export const metadata: Metadata = { title: 'Compare runs' };

export default async function ComparePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <CompareView initial={parseCompareQuery(await searchParams)} />;
}
