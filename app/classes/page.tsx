import type { Metadata } from 'next';
import { ClassesListView } from '@/components/classroom/classes-list-view';

export const metadata: Metadata = { title: 'Classes' };

export default function ClassesPage() {
  return <ClassesListView />;
}
