import { DIMS_HEADER, expectedInputText, PredictRequest, SERVING_LIMITS, type ExpectedInput } from '@/lib/serving/api';
import { parseWith, readBodyBytes, readJsonValue } from '../http/body';
import { HttpError } from '../http/errors';
import { checkInputNames, checkRows } from './predict';
import { tensorFromBytes, tensorFromJson, type HostTensor } from './tensor-input';

/**
 * A predict request's body → checked feeds. Two encodings:
 * - `application/json`: `{"inputs": {"<name>": [[…], …] | {"dims": […], "data": […]}}}`
 * - `application/octet-stream`: one input's raw little-endian values; dims in the
 *   `X-Benchtop-Dims: 1,784` header (or `?dims=1,784`), `?dtype=` (default float32) and
 *   `?input=<name>` (default: the model's only input).
 */

function parseDims(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.length > SERVING_LIMITS.inputRank || parts.some((p) => !/^\d{1,9}$/.test(p))) {
    throw new HttpError(400, 'bad_request', `dims "${text.slice(0, 80)}" must be 1 to ${SERVING_LIMITS.inputRank} comma-separated non-negative integers, e.g. 1,784`, DIMS_HEADER);
  }
  return parts.map(Number);
}

async function binaryFeeds(req: Request, url: URL, inputs: ExpectedInput[]): Promise<Record<string, HostTensor>> {
  const inputName = url.searchParams.get('input');
  const expected = inputName === null ? (inputs.length === 1 ? inputs[0] : undefined) : inputs.find((i) => i.name === inputName);
  const listed = inputs.map(expectedInputText).join(', ');
  if (!expected) {
    throw new HttpError(400, 'bad_request', inputName === null ? `this model has ${inputs.length} inputs (${listed}): name one with ?input=` : `unknown input "${inputName}"; the model's inputs are ${listed}`, 'input');
  }
  const dimsText = req.headers.get(DIMS_HEADER) ?? url.searchParams.get('dims');
  if (!dimsText) throw new HttpError(400, 'bad_request', `a binary body needs its dims: header ${DIMS_HEADER}: 1,784 or ?dims=1,784 (input ${expectedInputText(expected)})`, DIMS_HEADER);
  const dims = parseDims(dimsText);
  const dtype = url.searchParams.get('dtype') ?? 'float32';
  const bytes = await readBodyBytes(req, SERVING_LIMITS.predictBytes, 'predict body');
  return { [expected.name]: tensorFromBytes(bytes, dims, dtype, expected) };
}

async function jsonFeeds(req: Request, inputs: ExpectedInput[]): Promise<Record<string, HostTensor>> {
  const body = parseWith(PredictRequest, await readJsonValue(req, SERVING_LIMITS.predictBytes, 'predict body'), 'predict body', 400);
  checkInputNames(Object.keys(body.inputs), inputs);
  const feeds = Object.fromEntries(inputs.map((e) => [e.name, tensorFromJson(body.inputs[e.name], e)]));
  checkRows(feeds);
  return feeds;
}

export async function feedsFromRequest(req: Request, url: URL, inputs: ExpectedInput[]): Promise<Record<string, HostTensor>> {
  const type = (req.headers.get('content-type') ?? '').trim().toLowerCase();
  if (type.startsWith('application/octet-stream')) return binaryFeeds(req, url, inputs);
  if (type.startsWith('application/json')) return jsonFeeds(req, inputs);
  throw new HttpError(415, 'unsupported_media_type', `predict takes Content-Type application/json ({"inputs": {…}}) or application/octet-stream (raw tensor, dims in ${DIMS_HEADER}), got ${type ? `"${type}"` : 'none'}`);
}
