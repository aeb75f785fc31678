import type { Metadata } from 'next';
import { JoinCodeView } from '@/components/student/join-code-view';

export const metadata: Metadata = { title: 'Join a class' };

export default function JoinPage() {
  return <JoinCodeView />;
}
