/** The predict-token table as Kysely sees it (migration 012_predict_tokens); `Database` includes it. Times are epoch ms. */
export interface PredictTokensTable {
  id: string;
  /** The registered model the token may predict on. */
  name: string;
  label: string;
  /** The secret's first characters, for lists. */
  hint: string;
  token_sha256: string;
  created_at: number;
  last_used_at: number | null;
}

export interface PredictTokenTables {
  predict_tokens: PredictTokensTable;
}
