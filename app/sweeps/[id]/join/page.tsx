import type { Metadata } from 'next';
import { JoinView } from '@/components/sweep/join-view';

export const metadata: Metadata = { title: 'Join sweep' };

export default async function JoinSweepPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JoinView sweepId={decodeURIComponent(id)} />;
}
