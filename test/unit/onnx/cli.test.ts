import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportArgs, UsageError } from '@/lib/onnx/cli';
import { saveLayersModelToDir } from '@/lib/onnx/cli/model-dir';
import { decode, seededInput, seedWeights, useCpuBackend } from './helpers';

/** `npx benchtop export` end to end: a tfjs model saved to disk, the CLI run as a child process. */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/benchtop.mjs');
let work: string;

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: work, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function smallCnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [9, 9, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

beforeAll(async () => {
  await useCpuBackend();
  work = mkdtempSync(path.join(tmpdir(), 'benchtop-cli-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('benchtop export (child process)', () => {
  it('exports int8-static with a calibration file, prints a passing report and writes the file', async () => {
    const model = smallCnn();
    seedWeights(model, 21);
    await saveLayersModelToDir(model, path.join(work, 'cnn'));
    const x = seededInput([40, 9, 9, 1], 22).abs();
    const samples = (await x.array()) as number[][][][];
    writeFileSync(path.join(work, 'calib.json'), JSON.stringify({ x: samples }));
    const labels = Array.from(await (model.predict(x) as tf.Tensor).argMax(-1).data());
    writeFileSync(path.join(work, 'labels.json'), JSON.stringify(labels));

    const { code, stdout, stderr } = await runCli(['export', 'cnn', '--out', 'cnn.onnx', '--quantize', 'int8-static', '--calibration', 'calib.json', '--labels', 'labels.json', '--run-id', 'cli-run']);
    expect(stderr).not.toMatch(/benchtop export:/);
    expect(code).toBe(0);
    // Progress on stderr (a line per step when not a terminal), ending full.
    expect(stderr).toMatch(/^\[-{24}\] {3}0% converting the layers to ONNX$/m);
    expect(stderr).toMatch(/^\[#{24}\] 100% verified/m);
    const printed = JSON.parse(stdout);
    // The reference predictions ran on tfjs's wasm backend, not the pure-JS cpu one.
    expect(printed.report.tfjs.backend).toBe('wasm');
    expect(printed.report.plan).toMatchObject({ requested: 40, repeats: 10, budgetSeconds: 60 });
    expect(printed.out).toBe(path.join(work, 'cnn.onnx'));
    expect(printed.report.passed).toBe(true);
    expect(printed.report.quantize).toBe('int8-static');
    expect(printed.report.sample).toEqual({ count: 40, batchSize: 64, labelled: true });
    expect(printed.report.models[0].maxAbsDiff).toBeLessThanOrEqual(1e-5);
    const written = readFileSync(path.join(work, 'cnn.onnx'));
    expect(written.length).toBe(printed.sizeBytes);
    const meta = Object.fromEntries(decode(written).metadataProps!.map((p) => [p.key, p.value]));
    expect(meta).toEqual({ run_id: 'cli-run', source_framework: 'tensorflow.js 4.22.0', quantization: 'int8-static' });
  });

  it('verifies a model with unknown input dims at a stated default, keeping them symbolic in the file', async () => {
    const input = tf.input({ shape: [null, null, 3] });
    const model = tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor });
    seedWeights(model, 24);
    await saveLayersModelToDir(model, path.join(work, 'sr'));
    const { code, stdout } = await runCli(['export', 'sr', '--out', 'sr.onnx', '--quantize', 'none', '--samples', '8', '--input-shape', '1x12x20x3']);
    expect(code).toBe(0);
    const { report } = JSON.parse(stdout);
    expect(report.sample.count).toBe(8);
    expect(report.models[0].psnrDb).toBeGreaterThan(100);
    expect(report.models[0].top1Agreement).toBeNull();
    expect(report.notes).toContain('outputs are not class scores: judged by PSNR against tfjs (dB, peak = the reference output range), not by top-1 agreement');
    const dims = decode(readFileSync(path.join(work, 'sr.onnx'))).graph!.input![0].type!.tensorType!.shape!.dim!;
    // Batch, height and width stay symbolic (dim_param); only the verification picked numbers.
    expect(dims.slice(0, 3).every((d) => typeof d.dimParam === 'string' && d.dimParam.length > 0)).toBe(true);
    expect(Number(dims[3].dimValue)).toBe(3);

    const defaulted = await runCli(['export', 'sr', '--out', 'sr.onnx', '--quantize', 'none', '--samples', '4']);
    expect(defaulted.code).toBe(0);
    expect(JSON.parse(defaulted.stdout).report.notes[0]).toMatch(/^input '.+' has unknown dims \[\?, \?, \?, 3\]: verified at \[\?, 64, 64, 3\] \(default 64; choose with --input-shape 1x64x64x3\)/);
  });

  it('fails with exit 2 naming an unsupported layer, and writes nothing', async () => {
    // ConvLSTM2D loads in tfjs but has no ONNX form (no ONNX op; a Loop would be needed).
    const model = tf.sequential({ layers: [tf.layers.convLstm2d({ inputShape: [2, 5, 5, 1], filters: 2, kernelSize: 3, name: 'my_rnn' }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] });
    await saveLayersModelToDir(model, path.join(work, 'rnn'));
    const { code, stderr } = await runCli(['export', 'rnn', '--out', 'rnn.onnx']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/layer '[^']*\/my_rnn' \(ConvLSTM2D\): no ONNX converter for this layer class\. Supported classes: .*Dense/);
    expect(existsSync(path.join(work, 'rnn.onnx'))).toBe(false);
  });

  it('fails with exit 1 and keeps no file when int8 misses its tolerance', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [6], units: 5, activation: 'softmax' })] });
    seedWeights(model, 23);
    const [k, b] = model.getWeights();
    const spiked = Float32Array.from(await k.data());
    // Input 5 is always below 0 … 1 noise; a huge weight there per column flattens the int8 grid.
    for (let c = 0; c < 5; c++) spiked[5 * 5 + c] = 500 * (c + 1);
    model.setWeights([tf.tensor(spiked, k.shape), b]);
    await saveLayersModelToDir(model, path.join(work, 'spiked'));
    const samples = Array.from({ length: 64 }, (_, i) => [0, 1, 2, 3, 4].map((j) => Math.sin(i * 7 + j)).concat([0]));
    writeFileSync(path.join(work, 'spiked.json'), JSON.stringify(samples));
    const { code, stdout, stderr } = await runCli(['export', 'spiked/model.json', '--out', 'spiked.onnx', '--calibration', 'spiked.json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).report.passed).toBe(false);
    expect(stderr).toMatch(/verification failed, .*spiked\.onnx was not written:\n\s+int8: top-1 agreement/);
    expect(existsSync(path.join(work, 'spiked.onnx'))).toBe(false);
  });
});

describe('benchtop export arguments', () => {
  it.each([
    [['export', 'dir'], /missing --out/],
    [['export', '--out', 'a.onnx'], /missing the model directory/],
    [['export', 'dir', '--out', 'a.onnx', '--quantize', 'int4'], /--quantize must be one of none, int8, int8-static, fp16, got 'int4'/],
    [['export', 'dir', '--out', 'a.onnx', '--quantize', 'int8-static'], /needs --calibration/],
    [['export', 'dir', '--out', 'a.onnx', '--bogus', '1'], /unknown option --bogus/],
    [['train', 'dir'], /unknown command 'train'/],
    [['export', 'dir', '--out', 'a.onnx', '--verify-seconds', '0'], /--verify-seconds must be a positive number, got '0'/],
    [['export', 'dir', '--out', 'a.onnx', '--precision', 'int4'], /--precision must be one of fp32, int8, int8-static, fp16, got 'int4'/],
    [['export', 'dir', '--out', 'a.onnx', '--precision', 'fp16', '--quantize', 'int8'], /--quantize and --precision choose the same thing/],
    [['export', 'dir', '--out', 'a.onnx', '--samples', '2', '--samples', '3'], /--samples was given twice/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseExportArgs(argv)).toThrow(UsageError);
    expect(() => parseExportArgs(argv)).toThrow(message);
  });

  it('maps --precision to the quantize mode (fp32 = none)', () => {
    expect(parseExportArgs(['export', 'm', '--out', 'o.onnx', '--precision', 'fp16']).quantize).toBe('fp16');
    expect(parseExportArgs(['export', 'm', '--out', 'o.onnx', '--precision', 'fp32']).quantize).toBe('none');
    expect(parseExportArgs(['export', 'm', '--out', 'o.onnx', '--quantize', 'fp16']).quantize).toBe('fp16');
  });

  it('parses a full command line', () => {
    expect(parseExportArgs(['export', 'm', '--out=o.onnx', '--quantize', 'int8-static', '--calibration', 'c.bin', '--samples', '32', '--run-id', 'r'])).toEqual({
      modelDir: 'm',
      out: 'o.onnx',
      quantize: 'int8-static',
      calibration: 'c.bin',
      labels: undefined,
      samples: 32,
      runId: 'r',
      inputShapes: [],
      verifySeconds: 60,
    });
  });
});
