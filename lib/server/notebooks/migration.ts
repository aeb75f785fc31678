import type { Kysely, Migration } from 'kysely';

/**
 * Server-side notebooks and class assignments (issue 12). Registered in lib/server/db/migrations.ts
 * under NOTEBOOKS_MIGRATION_NAME, after 004_classroom (classes, students) whose tables it refers to.
 *
 * A teacher's published assignment is a snapshot notebook (class_id set, student_id null,
 * assignment_id set); a student's copy is another row with student_id set. At most one copy per
 * (assignment, student): the unique index is what makes "the first call creates it" race-free.
 * `assignments.notebook_id` has no foreign key: the assignment row and its snapshot are written in
 * one transaction, assignment first (the snapshot's assignment_id refers to it).
 */
export const NOTEBOOKS_MIGRATION_NAME = '005_notebooks_assignments';

export const notebooksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
      .addColumn('notebook_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('goal', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('assignments_class_created').on('assignments').columns(['class_id', 'created_at']).execute();

    await db.schema
      .createTable('notebooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('class_id', 'text', (c) => c.references('classes.id').onDelete('cascade'))
      .addColumn('student_id', 'text', (c) => c.references('students.id').onDelete('cascade'))
      .addColumn('assignment_id', 'text', (c) => c.references('assignments.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notebooks_assignment_student').unique().on('notebooks').columns(['assignment_id', 'student_id']).execute();
    // Lists: the workspace's own (student_id null) and one student's copies, newest first.
    await db.schema.createIndex('notebooks_student_updated').on('notebooks').columns(['student_id', 'updated_at']).execute();
  },
};
