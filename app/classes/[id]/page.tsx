import type { Metadata } from 'next';
import { ClassDashboardView } from '@/components/classroom/class-dashboard-view';

export const metadata: Metadata = { title: 'Class' };

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ClassDashboardView classId={decodeURIComponent(id)} />;
}
