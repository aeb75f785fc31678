import type { Kysely, Migration } from 'kysely';

/**
 * Classes, students, and the class/student stamps on runs and sweeps (issue 12). Registered in
 * lib/server/db/migrations.ts under CLASSROOM_MIGRATION_NAME.
 */
export const CLASSROOM_MIGRATION_NAME = '004_classroom';

export const classroomMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('classes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('ended_at', 'bigint')
      .execute();
    await db.schema
      .createTable('students')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint')
      .addUniqueConstraint('students_class_name', ['class_id', 'name'])
      .execute();
    // No foreign keys on the stamps: a run outlives nothing here (classes are ended, not deleted).
    await db.schema.alterTable('runs').addColumn('class_id', 'text').execute();
    await db.schema.alterTable('runs').addColumn('student_id', 'text').execute();
    await db.schema.createIndex('runs_class_student').on('runs').columns(['class_id', 'student_id']).execute();
    await db.schema.alterTable('sweeps').addColumn('class_id', 'text').execute();
  },
};
