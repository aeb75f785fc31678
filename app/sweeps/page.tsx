import type { Metadata } from 'next';
import { SweepsListView } from '@/components/sweep/sweeps-list-view';

export const metadata: Metadata = { title: 'Sweeps' };

export default function SweepsPage() {
  return <SweepsListView />;
}
