import { createHash } from 'node:crypto';
import { ARTIFACT_META_HEADER, ArtifactMetaHeader, API_LIMITS, base64UrlDecode, SHA256_HEADER } from '@/lib/track/api';
import { artifactKey } from '../../artifact-store';
import { HttpError, json } from '../errors';
import { bodyChunks, parseWith } from '../body';
import { wellFormedValue } from '@/lib/track/well-formed';
import type { Route } from '../router';
import { requireRunReader, requireRunWriter } from '../../classroom/scope';
import { artifactBytesResponse, idParam, requireRunExists } from './common';

/** The metadata header: base64url(JSON of the Artifact), validated like a body. */
function readMetaHeader(req: Request) {
  const header = req.headers.get(ARTIFACT_META_HEADER);
  if (!header) throw new HttpError(400, 'bad_request', `missing header ${ARTIFACT_META_HEADER} (base64url JSON of the artifact)`, ARTIFACT_META_HEADER);
  if (header.length > API_LIMITS.artifactMetaHeaderBytes) {
    throw new HttpError(413, 'payload_too_large', `header ${ARTIFACT_META_HEADER} is ${header.length} bytes; the limit is ${API_LIMITS.artifactMetaHeaderBytes}`);
  }
  let value: unknown;
  try {
    value = wellFormedValue(JSON.parse(new TextDecoder().decode(base64UrlDecode(header))));
  } catch {
    throw new HttpError(400, 'bad_request', `header ${ARTIFACT_META_HEADER} is not base64url-encoded JSON`, ARTIFACT_META_HEADER);
  }
  return parseWith(ArtifactMetaHeader, value, 'artifact metadata');
}

export const artifactRoutes: Route[] = [
  {
    method: 'PUT',
    path: '/api/v1/runs/:runId/artifacts/:artifactId',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      const artifactId = idParam(ctx, 'artifactId');
      const { req, services } = ctx;
      const meta = readMetaHeader(req);
      if (meta.id !== artifactId) throw new HttpError(422, 'validation_failed', `metadata id "${meta.id}" differs from the URL's "${artifactId}"`, 'id');
      if (meta.runId !== runId) throw new HttpError(422, 'validation_failed', `metadata runId "${meta.runId}" differs from the URL's "${runId}"`, 'runId');
      const declared = req.headers.get(SHA256_HEADER)?.toLowerCase();
      if (!declared || !/^[0-9a-f]{64}$/.test(declared)) {
        throw new HttpError(400, 'bad_request', `header ${SHA256_HEADER} must be the hex sha256 of the body`, SHA256_HEADER);
      }
      if (declared !== meta.sha256) throw new HttpError(422, 'checksum_mismatch', `header ${SHA256_HEADER} differs from the metadata's sha256`, 'sha256');
      await requireRunExists(services, runId);
      await requireRunWriter(ctx, runId, 'upload artifacts to');
      if (ctx.student) await services.classroom.limits.artifact(ctx.student, meta.sizeBytes);
      const existing = await services.artifacts.get(artifactId);
      if (existing && existing.artifact.runId !== runId) throw new HttpError(409, 'conflict', `artifact ${artifactId} belongs to another run`, 'id');

      // Streamed to a partial file, hashed and counted on the way; checked before it is renamed into place.
      const hash = createHash('sha256');
      let sizeBytes = 0;
      async function* hashed() {
        for await (const chunk of bodyChunks(req, services.env.BENCHTOP_MAX_ARTIFACT_BYTES, `artifact ${artifactId}`)) {
          hash.update(chunk);
          sizeBytes += chunk.byteLength;
          yield chunk;
        }
      }
      await services.artifactStore.write(artifactKey(runId, artifactId), hashed(), () => {
        const actual = hash.digest('hex');
        if (actual !== declared) {
          throw new HttpError(422, 'checksum_mismatch', `the body's sha256 is ${actual}, not the declared ${declared}: the upload was corrupted or the header is wrong`, 'sha256');
        }
        if (sizeBytes !== meta.sizeBytes) {
          throw new HttpError(422, 'validation_failed', `body is ${sizeBytes} bytes, metadata says sizeBytes ${meta.sizeBytes}`, 'sizeBytes');
        }
      });
      await services.artifacts.put(meta, artifactKey(runId, artifactId));
      return json(200, { artifact: meta });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId/artifacts',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunReader(ctx, runId);
      await requireRunExists(ctx.services, runId);
      return json(200, { artifacts: (await ctx.services.artifacts.listForRun(runId)).map((s) => s.artifact) });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/runs/:runId/artifacts/:artifactId',
    auth: 'class',
    async handle(ctx) {
      const runId = idParam(ctx, 'runId');
      await requireRunReader(ctx, runId);
      return artifactBytesResponse(ctx.services, runId, idParam(ctx, 'artifactId'));
    },
  },
];
