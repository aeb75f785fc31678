import type { Metadata } from 'next';
import { NotebookLoader } from '@/components/notebook/notebook-loader';

export const metadata: Metadata = { title: 'Notebook' };

export default async function NotebookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NotebookLoader id={decodeURIComponent(id)} />;
}
