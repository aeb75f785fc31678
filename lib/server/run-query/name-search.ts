import { sql, type RawBuilder } from 'kysely';
import type { FilterExpr } from '@/lib/track/run-filter';

/**
 * Trigrams need 3 characters: a shorter `name ~ "ab"` matches no FTS5 trigram row at all, so it
 * keeps the scan (`lower(name) like`), which at 100,000 runs stops after a page of matches anyway
 * (two characters match most names).
 */
export const NAME_SEARCH_MIN_CHARS = 3;

/**
 * `name ~ "text"` as an FTS5 phrase over run_name_trigrams (011_runs_name_search), or undefined
 * when the text is too short for trigrams. The phrase is the text as the LIKE pattern sees it
 * (lowercased), quoted so that every character is literal (`"` doubled; `%`, `_`, `*`, `:` and
 * words like OR mean nothing inside a phrase). FTS5's trigram tokenizer folds case per code
 * point, a superset of what `lower(name) like` folds (ASCII), so the phrase finds every run the
 * LIKE matches (and maybe a few more, which the LIKE beside it removes).
 */
export function nameSearchPhrase(text: string): string | undefined {
  const lowered = text.toLowerCase();
  // Code points, as the tokenizer counts them (an emoji is one character, two UTF-16 units).
  if ([...lowered].length < NAME_SEARCH_MIN_CHARS) return undefined;
  return `"${lowered.replaceAll('"', '""')}"`;
}

/** The term `name ~ "text"` with text long enough for the trigram index, and its phrase. */
export function nameSearchTerm(e: FilterExpr): string | undefined {
  if (e.type !== 'compare' || e.op !== '~' || e.field.kind !== 'attr' || e.field.attr !== 'name') return undefined;
  // null is refused for `~` by filter-sql; numbers and booleans are contained as their text.
  return e.value === null ? undefined : nameSearchPhrase(String(e.value));
}

/** Ids of the runs (deleted ones too) whose name contains the phrase's text, give or take case: SQLite only. */
export function nameSearchIds(phrase: string): RawBuilder<string> {
  return sql<string>`select s.run_id from run_name_trigrams join run_name_search s on s.seq = run_name_trigrams.rowid where run_name_trigrams match ${phrase}`;
}
