import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PREDICT_TOKEN_LIMITS, PREDICT_TOKEN_PREFIX, type PredictTokenWire } from '@/lib/serving/predict-tokens-api';
import type { Database } from '../db/schema';
import { HttpError } from '../http/errors';
import type { PredictTokensTable } from './tables';

/** A token that authenticated: the model it may predict on. */
export interface PredictGrant {
  id: string;
  model: string;
}

export interface PredictTokenStoreOptions {
  /** How long another app instance's revocation may take to reach this one (cached lookups). */
  ttlMs?: number;
  /** A use is written at most this often per token (no database write per prediction). */
  touchEveryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

const toWire = (r: PredictTokensTable): PredictTokenWire => ({ id: r.id, model: r.name, label: r.label, hint: r.hint, createdAt: Number(r.created_at), lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at) });

/**
 * Predict tokens in the database (only the secret's sha256), with an in-memory cache of recent
 * lookups: a predict with a token costs no query while cached, and at most one write a minute.
 * Creating or revoking through this process clears the cache at once.
 */
export class PredictTokenStore {
  private readonly cache = new Map<string, { grant: PredictGrant | null; expiresAt: number }>();
  private readonly lastTouched = new Map<string, number>();
  /** The last use being written; a list waits for it, so it shows the use that just happened. */
  private touching: Promise<unknown> = Promise.resolve();
  private readonly ttlMs: number;
  private readonly touchEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly kysely: Kysely<Database>,
    private readonly options: PredictTokenStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 1_000;
    this.touchEveryMs = options.touchEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** A new token for `model` (which must exist); the secret is returned here and never again. */
  async create(model: string, label: string): Promise<{ token: PredictTokenWire; secret: string }> {
    const exists = await this.kysely.selectFrom('registered_models').select('name').where('name', '=', model).executeTakeFirst();
    if (!exists) throw new HttpError(404, 'not_found', `no registered model "${model}"`);
    const held = await this.kysely.selectFrom('predict_tokens').select((eb) => eb.fn.countAll().as('n')).where('name', '=', model).executeTakeFirstOrThrow();
    if (Number(held.n) >= PREDICT_TOKEN_LIMITS.perModel) {
      throw new HttpError(400, 'bad_request', `model "${model}" holds ${PREDICT_TOKEN_LIMITS.perModel} predict tokens already (the limit): revoke one first`);
    }
    const secret = PREDICT_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row: PredictTokensTable = { id: randomUUID(), name: model, label, hint: `${secret.slice(0, PREDICT_TOKEN_PREFIX.length + 4)}…`, token_sha256: sha256(secret), created_at: this.now(), last_used_at: null };
    await this.kysely.insertInto('predict_tokens').values(row).execute();
    this.cache.clear();
    return { token: toWire(row), secret };
  }

  /** The model's tokens, newest first. */
  async list(model: string): Promise<PredictTokenWire[]> {
    await this.touching;
    const rows = await this.kysely.selectFrom('predict_tokens').selectAll().where('name', '=', model).orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toWire);
  }

  /** Deletes the token; false when the model has no such token. */
  async revoke(model: string, id: string): Promise<boolean> {
    const res = await this.kysely.deleteFrom('predict_tokens').where('name', '=', model).where('id', '=', id).executeTakeFirst();
    this.cache.clear();
    return Number(res.numDeletedRows) > 0;
  }

  /** The grant of a presented secret, or undefined when no token has it (unknown or revoked). */
  async authenticate(secret: string): Promise<PredictGrant | undefined> {
    const hash = sha256(secret);
    const now = this.now();
    const hit = this.cache.get(hash);
    let grant: PredictGrant | null;
    if (hit && hit.expiresAt > now) grant = hit.grant;
    else {
      const row = await this.kysely.selectFrom('predict_tokens').select(['id', 'name']).where('token_sha256', '=', hash).executeTakeFirst();
      grant = row ? { id: row.id, model: row.name } : null;
      // Bounded: a client trying many secrets cannot grow it without limit.
      if (this.cache.size >= 1024) this.cache.clear();
      this.cache.set(hash, { grant, expiresAt: now + this.ttlMs });
    }
    if (grant) this.touch(grant.id, now);
    return grant ?? undefined;
  }

  private touch(id: string, now: number): void {
    if (now - (this.lastTouched.get(id) ?? -Infinity) < this.touchEveryMs) return;
    this.lastTouched.set(id, now);
    const minute = now - (now % 60_000);
    this.touching = this.kysely
      .updateTable('predict_tokens')
      .set({ last_used_at: minute })
      .where('id', '=', id)
      .execute()
      .catch((err: unknown) => this.options.log?.(`[benchtop] predict token last-used write failed: ${String(err)}`));
  }
}
