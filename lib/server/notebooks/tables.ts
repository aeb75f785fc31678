/**
 * The notebook and assignment tables as Kysely sees them (migration 005, beside this file);
 * `Database` (lib/server/db/schema.ts) includes them.
 */

export interface NotebooksTable {
  id: string;
  title: string;
  /** The notebook file JSON (lib/notebook/format.ts), as validated on the way in. */
  content: string;
  class_id: string | null;
  /** Set on a student's copy: only that student (and the teacher, read-only) may see it. */
  student_id: string | null;
  /** Set on an assignment's snapshot and on every student copy of it. */
  assignment_id: string | null;
  created_at: number;
  updated_at: number;
  /** Bumped by every write; a write based on an older version is refused (409). */
  version: number;
}

export interface AssignmentsTable {
  id: string;
  class_id: string;
  /** The snapshot notebook published by the teacher (students copy it). */
  notebook_id: string;
  title: string;
  /** The metric key the leaderboard ranks by, and whether lower or higher is better. */
  metric: string;
  goal: 'min' | 'max';
  created_at: number;
}

export interface NotebookTables {
  notebooks: NotebooksTable;
  assignments: AssignmentsTable;
}
