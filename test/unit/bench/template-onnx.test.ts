import { describe, expect, it } from 'vitest';
import { tabularTemplate } from '@/lib/bench/templates/tabular';
import { OnnxChecker } from '../onnx/onnx-checker';
import { expectTemplateExports } from './template-onnx';

/**
 * The table template's MLP, trained briefly by the template's own cells, exports to ONNX: int8
 * verified by the exporter, fp32 equal to tfjs in onnxruntime-node, both files accepted by the
 * official checker. The text, image and speech templates (tens of seconds to minutes of training
 * each): template-onnx.slow.test.ts; the text template's own layers are also in the layer
 * coverage cases (test/unit/onnx/layer-cases.ts), which run in the default suite.
 */
const checker = new OnnxChecker();

describe("the table template's MLP exports to ONNX", () => {
  it('int8 verified, fp32 agrees with tfjs in onnxruntime-node (the forest is not a tfjs model: no ONNX)', async () => {
    const report = await expectTemplateExports({ name: 'tabular', template: tabularTemplate, params: { epochs: 2, trees: 5 }, checker });
    expect(report.models.map((m) => m.format)).toEqual(['fp32', 'int8']);
  }, 120_000);

  it('both files pass onnx.checker (full_check) and strict shape inference', async () => {
    expect(await checker.run()).toEqual([]);
  });
});
