import type { Metadata } from 'next';
import { ModelView } from '@/components/models/model-view';

export const metadata: Metadata = { title: 'Model' };

export default async function ModelPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ModelView name={decodeURIComponent(name)} />;
}
