import type { Metadata } from 'next';
import { StudentClassView } from '@/components/student/student-class-view';

export const metadata: Metadata = { title: 'My class' };

export default function ClassPage() {
  return <StudentClassView />;
}
