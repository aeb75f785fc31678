import type { Metadata } from 'next';
import { ProjectorView } from '@/components/classroom/projector-view';

export const metadata: Metadata = { title: 'Leaderboard (projector)' };

export default async function ProjectorPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ assignment?: string | string[] }> }) {
  const { id } = await params;
  const { assignment } = await searchParams;
  return <ProjectorView classId={decodeURIComponent(id)} assignmentId={typeof assignment === 'string' && assignment ? assignment : null} />;
}
