import { sql, type Kysely, type Migration } from 'kysely';
import type { DbDialect } from '../db/connect';

/**
 * An index for `name ~ "…"` (case-insensitive contains), which scanned every run: 176 ms p95 at
 * 100,000 runs on SQLite (bench:runs) where every other shape was under 50 ms. The filter's SQL
 * stays `lower(name) like '%…%'`, so the answers do not change; the index only finds candidates.
 *
 * - SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34; better-sqlite3 12 ships
 *   3.53) over `run_name_search`, one row per run with a stable INTEGER PRIMARY KEY. The FTS rowid
 *   is that key, not the runs table's rowid: runs has a TEXT primary key, and VACUUM may renumber
 *   the rowids of such a table. Triggers keep both in step with insert, rename and (hard) delete;
 *   a soft delete keeps the name indexed (the query's `deleted_at is null` hides the run).
 *   name-search.ts asks it when the term drives a query (driving.ts).
 * - PostgreSQL: pg_trgm's GIN index on `lower(name)`, which the planner uses for the same LIKE by
 *   itself. When the extension is not installed (or may not be created) the migration still
 *   succeeds and `~` keeps scanning, as before: the savepoint keeps the failed CREATE EXTENSION
 *   from aborting the migration's transaction.
 */
export const RUNS_NAME_SEARCH_MIGRATION_NAME = '011_runs_name_search';

export function runsNameSearchMigration(dialect: DbDialect): Migration {
  return { up: (db) => (dialect === 'sqlite' ? upSqlite(db) : upPostgres(db)) };
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`create table run_name_search (seq integer primary key, run_id text not null unique, name text not null)`.execute(db);
  await sql`create virtual table run_name_trigrams using fts5(name, content = 'run_name_search', content_rowid = 'seq', tokenize = 'trigram')`.execute(db);
  // External content: the FTS index is told every change with the old text ('delete' needs it).
  await sql`create trigger run_name_search_ai after insert on run_name_search begin
    insert into run_name_trigrams (rowid, name) values (new.seq, new.name);
  end`.execute(db);
  await sql`create trigger run_name_search_ad after delete on run_name_search begin
    insert into run_name_trigrams (run_name_trigrams, rowid, name) values ('delete', old.seq, old.name);
  end`.execute(db);
  await sql`create trigger run_name_search_au after update on run_name_search begin
    insert into run_name_trigrams (run_name_trigrams, rowid, name) values ('delete', old.seq, old.name);
    insert into run_name_trigrams (rowid, name) values (new.seq, new.name);
  end`.execute(db);
  await sql`create trigger runs_name_search_insert after insert on runs begin
    insert into run_name_search (run_id, name) values (new.id, new.name);
  end`.execute(db);
  // Every PUT of a run upserts its row (heartbeats, summaries): only a new name touches the index.
  await sql`create trigger runs_name_search_rename after update of name on runs when old.name is not new.name begin
    update run_name_search set name = new.name where run_id = new.id;
  end`.execute(db);
  await sql`create trigger runs_name_search_delete after delete on runs begin
    delete from run_name_search where run_id = old.id;
  end`.execute(db);
  // Runs stored before this migration (the insert trigger of run_name_search fills the FTS index).
  await sql`insert into run_name_search (run_id, name) select id, name from runs order by rowid`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`savepoint pg_trgm_optional`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
  } catch {
    // Not installed (no contrib package) or not ours to create: `~` scans, as it did before.
    await sql`rollback to savepoint pg_trgm_optional`.execute(db);
    return;
  }
  await sql`release savepoint pg_trgm_optional`.execute(db);
  await sql`create index runs_name_trgm on runs using gin (lower(name) gin_trgm_ops)`.execute(db);
  await sql`analyze runs`.execute(db);
}
