import { attachmentDisposition } from '../../http/content-disposition';
import { bodyChunks } from '../../http/body';
import { HttpError } from '../../http/errors';
import type { Route, RouteContext } from '../../http/router';
import { doesNotExist, invalidParameter, MlflowError, mlflowJson } from '../errors';
import { requireMlflowAccess, withMlflowErrors } from '../routes';
import { safeArtifactPath } from './artifact-path';

/**
 * MLflow's artifact proxy (mlflow_artifacts.proto), which `mlflow-artifacts:/…` URIs resolve to:
 *   PUT    /api/2.0/mlflow-artifacts/artifacts/<path>   upload (streamed to disk, size-limited)
 *   GET    /api/2.0/mlflow-artifacts/artifacts/<path>   download (streamed)
 *   GET    /api/2.0/mlflow-artifacts/artifacts?path=    list one directory: {files: [{path, is_dir, file_size}]}
 *   DELETE /api/2.0/mlflow-artifacts/artifacts/<path>   delete a file or a directory
 *   POST   /api/2.0/mlflow-artifacts/mpu/{create,complete,abort}/<path>   501, as MLflow over a local store
 * Errors in MLflow's shape; the workspace token as for the rest of MLflow's API.
 */
export const MLFLOW_ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/artifacts';

const CONTENT_TYPES: Record<string, string> = { json: 'application/json', txt: 'text/plain', yaml: 'text/plain', yml: 'text/plain', md: 'text/plain', csv: 'text/csv' };

function contentTypeOf(p: string): string {
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (name === 'MLmodel') return 'text/plain';
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** The file-system error a write into a clashing path gives, as the client's mistake. */
function clashOf(err: unknown, p: string): MlflowError | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EISDIR') return invalidParameter(`Cannot upload to '${p}': it is a directory.`);
  if (code === 'ENOTDIR' || code === 'EEXIST') return invalidParameter(`Cannot upload to '${p}': a parent of it is a file.`);
  return undefined;
}

/** The artifact path from the URL, decoded here so bad percent-encoding is an MLflow error. */
function pathParam(ctx: RouteContext): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(ctx.params.path);
  } catch {
    throw invalidParameter(`Invalid artifact path '${ctx.params.path.slice(0, 200)}': it is not valid percent-encoding.`);
  }
  return safeArtifactPath(decoded);
}

async function upload(ctx: RouteContext): Promise<Response> {
  const p = pathParam(ctx);
  const max = ctx.services.env.BENCHTOP_MAX_ARTIFACT_BYTES;
  try {
    await ctx.services.mlflowArtifacts.write(p, bodyChunks(ctx.req, max, `artifact '${p}'`));
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) throw new MlflowError('INVALID_PARAMETER_VALUE', `${err.message}.`, 413);
    throw clashOf(err, p) ?? err;
  }
  return mlflowJson(200, {});
}

async function download(ctx: RouteContext): Promise<Response> {
  const p = pathParam(ctx);
  const tree = ctx.services.mlflowArtifacts;
  const bytes = await tree.read(p);
  if (!bytes) {
    if ((await tree.kind(p)) === 'dir') throw invalidParameter(`'${p}' is a directory: list it with GET ${MLFLOW_ARTIFACTS_PREFIX}?path=${encodeURIComponent(p)}.`);
    throw doesNotExist(`No artifact at '${p}'.`);
  }
  return new Response(bytes.stream, {
    status: 200,
    headers: {
      'content-type': contentTypeOf(p),
      'content-length': String(bytes.sizeBytes),
      'content-disposition': attachmentDisposition(p.slice(p.lastIndexOf('/') + 1)),
      'x-content-type-options': 'nosniff',
    },
  });
}

async function list(ctx: RouteContext): Promise<Response> {
  const raw = ctx.url.searchParams.get('path');
  const p = raw === null || raw === '' ? '' : safeArtifactPath(raw.replace(/\/+$/, ''));
  const files = (await ctx.services.mlflowArtifacts.list(p)).map((e) => ({ path: e.path, is_dir: e.isDir, ...(e.isDir ? {} : { file_size: e.sizeBytes }) }));
  // An empty repeated field is left out, as MLflow's protobuf JSON does.
  return mlflowJson(200, files.length ? { files } : {});
}

async function remove(ctx: RouteContext): Promise<Response> {
  await ctx.services.mlflowArtifacts.delete(pathParam(ctx));
  return mlflowJson(200, {});
}

const route = (method: Route['method'], path: string, handle: (ctx: RouteContext) => Promise<Response>): Route => ({
  method,
  path,
  auth: 'public', // checked in MLflow's error shape by requireMlflowAccess
  rawParams: true,
  handle: (ctx) =>
    withMlflowErrors(ctx, async () => {
      requireMlflowAccess(ctx);
      return handle(ctx);
    }),
});

/**
 * MLflow's own server, when its artifact repository cannot do multipart uploads (a local
 * directory, as here), answers mpu/create, complete and abort with 501 NOT_IMPLEMENTED and this
 * exact message (mlflow/server/handlers.py `_validate_support_multipart_upload`, raising
 * `_UnsupportedMultipartUploadException`). The client (http_artifact_repo.py) checks that the
 * message starts with it and falls back to one PUT: with MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD on,
 * `log_artifact` still works. The path is checked first, as MLflow does.
 */
export const MULTIPART_UNSUPPORTED = 'Multipart upload is not supported for the current artifact repository';
const multipartUnsupported = async (ctx: RouteContext): Promise<Response> => {
  pathParam(ctx);
  throw new MlflowError('NOT_IMPLEMENTED', MULTIPART_UNSUPPORTED);
};

const notFound = async (ctx: RouteContext): Promise<Response> => {
  throw new MlflowError('ENDPOINT_NOT_FOUND', `No MLflow artifacts endpoint ${ctx.req.method} ${ctx.url.pathname} on this server`);
};
const METHODS: Route['method'][] = ['GET', 'POST', 'PUT', 'DELETE'];

export const mlflowArtifactRoutes: Route[] = [
  route('GET', MLFLOW_ARTIFACTS_PREFIX, list),
  route('PUT', `${MLFLOW_ARTIFACTS_PREFIX}/:path+`, upload),
  route('GET', `${MLFLOW_ARTIFACTS_PREFIX}/:path+`, download),
  route('DELETE', `${MLFLOW_ARTIFACTS_PREFIX}/:path+`, remove),
  ...['create', 'complete', 'abort'].map((step) => route('POST', `/api/2.0/mlflow-artifacts/mpu/${step}/:path+`, multipartUnsupported)),
  // Anything else under the proxy (a path the URL parser's dot-segment
  // removal lifted out of /artifacts) answers in MLflow's shape too.
  ...METHODS.flatMap((m) => [route(m, '/api/2.0/mlflow-artifacts', notFound), route(m, '/api/2.0/mlflow-artifacts/:rest+', notFound)]),
];
