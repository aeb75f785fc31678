import { describe, expect, it } from 'vitest';
import { imageCnnTemplate } from '@/lib/bench/templates/image-cnn';
import { spamTransformerTemplate } from '@/lib/bench/templates/spam-transformer';
import { speechKwsTemplate } from '@/lib/bench/templates/speech-kws';
import { OnnxChecker } from '../onnx/onnx-checker';
import { expectTemplateExports } from './template-onnx';

/**
 * The text, image and speech templates' networks, trained briefly by their own cells (tens of
 * seconds to minutes each on this machine, hence slow), export to ONNX: int8 verified by the
 * exporter, fp32 equal to tfjs in onnxruntime-node, both files accepted by the official checker.
 * The transformer's custom layers (BenchPositionEmbedding, BenchSelfAttention) are written as
 * standard ops and its file takes token ids; the speech model's file takes log-mel spectrograms
 * (61 × 40 × 1): the STFT → mel → log front end runs in tfjs before it.
 */
const checker = new OnnxChecker();

describe("the text, image and speech templates' networks export to ONNX", () => {
  it.each([
    ['spam-transformer', spamTransformerTemplate, { trainSize: 240, epochs: 1, vocab: 200, seqLen: 24, watchEvery: 1000 }],
    ['image-cnn', imageCnnTemplate, { epochs: 1 }],
    ['speech-kws', speechKwsTemplate, { epochs: 1 }],
  ] as const)('%s: int8 verified, fp32 agrees with tfjs in onnxruntime-node', async (name, template, params) => {
    const report = await expectTemplateExports({ name, template, params, checker });
    expect(report.models.map((m) => m.format)).toEqual(['fp32', 'int8']);
  }, 900_000);

  it('every exported file passes onnx.checker (full_check) and strict shape inference', async () => {
    expect(await checker.run()).toEqual([]);
  });
});
