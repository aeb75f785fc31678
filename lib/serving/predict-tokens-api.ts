import { z } from 'zod';

/**
 * Wire types of predict tokens: a credential that can only call predict and feedback of one
 * registered model (for an app or a device that should not hold the workspace token). The
 * secret is shown once, when created; the server keeps its sha256.
 */

export const PREDICT_TOKEN_PREFIX = 'btp_';

export const PREDICT_TOKEN_LIMITS = {
  /** A label says where the token is used ("kiosk", "mobile app"). */
  labelChars: 100,
  /** Tokens one model may hold at once. */
  perModel: 100,
} as const;

export const CreatePredictTokenRequest = z
  .object({
    label: z.string().trim().min(1, 'label must not be empty').max(PREDICT_TOKEN_LIMITS.labelChars, `label must be at most ${PREDICT_TOKEN_LIMITS.labelChars} characters`),
  })
  .strict();

export const PredictTokenWire = z.object({
  id: z.string(),
  model: z.string(),
  label: z.string(),
  /** The secret's first characters (`btp_AbCd…`), so a list tells tokens apart. */
  hint: z.string(),
  createdAt: z.number(),
  /** To the minute (the server records a use at most once a minute); null when never used. */
  lastUsedAt: z.number().nullable(),
});
export type PredictTokenWire = z.infer<typeof PredictTokenWire>;

export const PredictTokenListResponse = z.object({ tokens: z.array(PredictTokenWire) });

/** The only answer that holds the secret. */
export const CreatedPredictTokenResponse = z.object({ token: PredictTokenWire, secret: z.string().startsWith(PREDICT_TOKEN_PREFIX) });
