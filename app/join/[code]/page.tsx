import type { Metadata } from 'next';
import { JoinNameView } from '@/components/student/join-name-view';

export const metadata: Metadata = { title: 'Join a class' };

export default async function JoinClassPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <JoinNameView rawCode={decodeURIComponent(code)} />;
}
