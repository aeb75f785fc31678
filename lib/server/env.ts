import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from './client-address';

/**
 * Every environment variable the server reads, declared once with its default and meaning.
 * Read through `readServerEnv()` so a typo fails at start with a message, not at first use.
 */
const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const ServerEnvSchema = z.object({
  /** Directory for the SQLite file, artifacts and the generated token. Default `./data`. */
  BENCHTOP_DATA_DIR: z.string().min(1).default('data'),
  /** PostgreSQL connection string; when unset the server uses SQLite in the data dir. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** Workspace write token. When unset, one is generated on first start and kept in the data dir. */
  BENCHTOP_TOKEN: z.string().min(16, 'BENCHTOP_TOKEN must be at least 16 characters').optional(),
  /** Refuse token-less local use even from loopback (tests, shared machines). */
  BENCHTOP_REQUIRE_TOKEN: flag,
  /**
   * Reverse proxies (comma list of IPs/CIDRs) whose X-Forwarded-For names the client. Unset: the
   * socket peer is the client, and X-Forwarded-For is ignored.
   */
  BENCHTOP_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      try {
        parseTrustedProxies(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  /** Largest artifact upload in bytes. Default 256 MiB. */
  BENCHTOP_MAX_ARTIFACT_BYTES: z.coerce.number().int().min(1).default(256 * 1024 * 1024),
  /** Standalone server only (`npx tsx lib/server/standalone.ts`): address and port to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /**
   * The URL students reach this server at (e.g. https://192.168.1.20:3000), for class join
   * links. Unset: the origin of the teacher's request.
   */
  BENCHTOP_PUBLIC_URL: z.string().url().optional(),
  /** Per-student limits (issue 12): new runs per minute. */
  BENCHTOP_STUDENT_RUNS_PER_MIN: z.coerce.number().int().min(1).default(30),
  /** Per-student metric points per second, and the burst a student may send at once (≥ one full batch). */
  BENCHTOP_STUDENT_POINTS_PER_S: z.coerce.number().int().min(1).default(5_000),
  BENCHTOP_STUDENT_POINTS_BURST: z.coerce.number().int().min(10_000).default(20_000),
  /** Per-student artifact bytes in all (counted from the database). Default 200 MiB. */
  BENCHTOP_STUDENT_ARTIFACT_BYTES: z.coerce.number().int().min(0).default(200 * 1024 * 1024),
  /** Class joins per minute from one client address (a guessed code costs a try). */
  BENCHTOP_JOINS_PER_MIN: z.coerce.number().int().min(1).default(60),
  /** Model serving (issue 15): onnxruntime-node sessions kept loaded (least recently used evicted). */
  BENCHTOP_SERVING_MAX_SESSIONS: z.coerce.number().int().min(1).max(256).default(8),
  /** Most rows one batched onnxruntime run stacks from concurrent requests. */
  BENCHTOP_SERVING_MAX_BATCH: z.coerce.number().int().min(1).max(4096).default(64),
  /** Milliseconds an idle model waits for more requests before running (0: run at once; requests arriving during a run are stacked anyway). */
  BENCHTOP_SERVING_BATCH_WAIT_MS: z.coerce.number().min(0).max(100).default(0),
  /** onnxruntime intra-op threads per session. */
  BENCHTOP_SERVING_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  /** Run inference on the server's main thread instead of a worker thread per loaded model (blocks other requests during a run). */
  BENCHTOP_SERVING_MAIN_THREAD: flag,
  /** Pool size for PostgreSQL. */
  BENCHTOP_PG_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type ServerEnv = z.infer<typeof ServerEnvSchema>;

export function readServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ServerEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid server environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, BENCHTOP_DATA_DIR: path.resolve(parsed.data.BENCHTOP_DATA_DIR) };
}
