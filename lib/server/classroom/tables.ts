/**
 * The classroom tables as Kysely sees them (migration 004_classroom in ./migration.ts);
 * `Database` (lib/server/db/schema.ts) includes them. Times are ms since the epoch.
 */

export interface ClassesTable {
  id: string;
  /** 6 characters from CLASS_CODE_ALPHABET; unique, also after the class ended. */
  code: string;
  name: string;
  created_at: number;
  /** Set by POST /classes/:id/end: every student credential of the class stops working. */
  ended_at: number | null;
}

export interface StudentsTable {
  id: string;
  class_id: string;
  /** Unique per class (a taken name gets a ` (2)` suffix). */
  name: string;
  /** sha256 (hex) of the `bts_…` token: the token itself is never stored. */
  token_sha256: string;
  created_at: number;
  last_seen_at: number | null;
}

export interface ClassroomTables {
  classes: ClassesTable;
  students: StudentsTable;
}
