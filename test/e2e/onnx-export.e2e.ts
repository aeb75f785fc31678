import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadOrt } from '@/lib/onnx/ort-runtime';
import { launchChromium, openPage } from './browser';
import { drawOneAndPredict } from './infer-page';
import { cellOutput, createFromTemplate, expectNoPageErrors, runSection, typeIntoCell, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');

/**
 * Short but real: 2 epochs on 2,000 digits trains the MLP to ~90%; the CNN (the case)
 * gets one epoch on 2,000 digits. Checkpoints are saved each epoch.
 */
const TEMPLATES = [
  { title: 'MNIST MLP', train: 'backend=cpu&param.epochs=2&param.trainSize=2000', input: [1, 784] },
  { title: 'MNIST CNN', train: 'backend=cpu&param.epochs=1&param.trainSize=2000&param.testSize=1000', input: [1, 28, 28, 1] },
];

/** A SimpleRNN (no ONNX converter) trained for one epoch with a checkpoint, and a hand-logged run with none. */
const UNEXPORTABLE = `const x = tf.randomNormal([32, 2, 3, 3, 1], 0, 1, 'float32', 1);
const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 2), 'int32'), 2);
const model = tf.sequential({ layers: [tf.layers.convLstm2d({ inputShape: [2, 3, 3, 1], filters: 2, kernelSize: 3, padding: 'same', name: 'rnn_1' }), tf.layers.flatten(), tf.layers.dense({ units: 2, activation: 'softmax' })] });
const rnn = await bench.train({ name: 'rnn', model, data: { train: { x, y } }, epochs: 1, batchSize: 16, loss: 'categoricalCrossentropy', checkpointEvery: 1 });
const manual = bench.run({ name: 'hand-logged' });
manual.log({ loss: 1 }, 0);
await manual.finish();
'RUNS ' + rnn.runId + ' ' + (await manual.ready)`;

/**
 * A run's Export ONNX end to end: train the MNIST MLP template, export its checkpoint to int8 on
 * the run page (verified in onnxruntime-web against tfjs), download the file, open it on /infer
 * and draw a digit.
 */
describe('Export ONNX from a run', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(TEMPLATES)('exports the $title to int8, downloads a valid file and runs it on /infer', { timeout: 600_000 }, async ({ title, train, input }) => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context, `${baseUrl}/`);
    // E2E_SCREENSHOTS=<dir>: full-page PNGs of each step, to look at the pages by eye.
    const shot = async (name: string) => process.env.E2E_SCREENSHOTS && (await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/onnx-${title.replace(/\W+/g, '-')}-${name}.png`, fullPage: true }));
    const url = await createFromTemplate(page, baseUrl, title);
    await page.goto(`${url}?${train}`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 300_000)).toBe('finished');
    const runHref = await runSection(page).locator('a').first().getAttribute('href');
    expect(runHref).toMatch(/^\/runs\//);

    await page.goto(`${baseUrl}${runHref}`);
    await page.getByRole('button', { name: 'Export ONNX' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export ONNX' });
    await shot('1-dialog');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByTestId('onnx-export-progress').waitFor({ timeout: 30_000 });
    await shot('2-progress');
    const exportStarted = Date.now();
    const agreement = dialog.getByTestId('onnx-export-agreement');
    await agreement.waitFor({ timeout: 240_000 });
    const exportMs = Date.now() - exportStarted;
    await shot('3-result');

    const ratio = Number(await dialog.getByTestId('onnx-export-size').getAttribute('data-size-ratio'));
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(0.35);
    const shownAgreement = Number(/([\d.]+)% top-1/.exec(await agreement.innerText())?.[1]);
    expect(shownAgreement).toBeGreaterThanOrEqual(95);
    expect(Number(await agreement.getAttribute('data-agreement'))).toBeGreaterThanOrEqual(0.95);
    // The report passes the tolerances (int8 accuracy within 0.5 points of fp32, ...).
    expect(await dialog.getByText('Outside the export tolerances').count()).toBe(0);
    // The UI says what the agreement was measured on: the run's own MNIST test split.
    expect(await dialog.innerText()).toMatch(/\d+ labelled samples of the run's MNIST test split/);
    console.info(`export: size ratio ${ratio.toFixed(3)}, top-1 agreement ${shownAgreement}%, ${(exportMs / 1000).toFixed(1)} s from progress to result`);

    // The downloaded file is a real ONNX model: onnxruntime-web (wasm, in Node) loads and runs it.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download .onnx' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-int8\.onnx$/);
    const bytes = new Uint8Array(await readFile((await download.path())!));
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(bytes[0]).toBe(0x08); // ModelProto field 1 (ir_version), varint
    const ort = await loadOrt();
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', new Float32Array(784), input) });
    expect(out[session.outputNames[0]].dims).toEqual([1, 10]);
    await session.release();

    await dialog.getByRole('link', { name: 'Open in inference' }).click();
    await page.waitForURL(/\/infer\?artifact=/, { timeout: 60_000 });
    await page.getByTestId('digit-canvas').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('infer-verification').innerText()).toMatch(/int8 · 0\.\d+ of fp32 · [\d.]+% top-1 agreement with tfjs/);
    const predicted = await drawOneAndPredict(page);
    expect(predicted).toMatch(/^\d$/);
    await shot('4-infer');
    expect(await page.getByTestId('infer-provider').innerText()).toMatch(/WebGPU|wasm/);
    expect(await page.getByTestId('infer-latency').innerText()).toMatch(/p50\s+[\d.]+ ms/);
    console.info(`infer: predicted ${predicted} on ${await page.getByTestId('infer-provider').innerText()}`);
    await expectNoPageErrors(errors);
    await context.close();
  });

  it('names a layer the exporter does not know and keeps the run intact; a run without a checkpoint cannot export', { timeout: 300_000 }, async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await typeIntoCell(page, 0, UNEXPORTABLE);
    await page.keyboard.press('Shift+Enter');
    let ids: string[] = [];
    await expect
      .poll(async () => {
        ids = /RUNS (\S+) ([^\s'"]+)/.exec((await cellOutput(page, 0).textContent({ timeout: 1000 }).catch(() => '')) ?? '')?.slice(1) ?? [];
        return ids.length;
      }, { timeout: 120_000 })
      .toBe(2);
    const [rnnRunId, manualRunId] = ids;

    await page.goto(`${baseUrl}/runs/${rnnRunId}`);
    await page.getByRole('button', { name: 'Export ONNX' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export ONNX' });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 120_000 });
    expect(await alert.innerText()).toMatch(/Layer 'rnn_1' \(ConvLSTM2D\) cannot be exported/);
    expect(await alert.innerText()).toMatch(/run and its checkpoints are unchanged/);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/onnx-5-unknown-layer.png` });
    // Still exportable once the model changes: the button is enabled and no ONNX file was stored.
    await page.reload();
    await page.getByRole('button', { name: 'Export ONNX' }).waitFor();
    // Enabled once the page has found the run's checkpoint in IndexedDB.
    await expect.poll(() => page.getByRole('button', { name: 'Export ONNX' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    const files = page.getByRole('region', { name: 'Checkpoints and files' });
    await files.getByText('checkpoint-final').waitFor({ timeout: 30_000 });
    expect(await files.innerText()).not.toMatch(/onnx/i);

    await page.goto(`${baseUrl}/runs/${manualRunId}`);
    await page.getByText('No checkpoint to export').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Export ONNX' }).isDisabled()).toBe(true);
    if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/onnx-6-no-checkpoint.png` });
    await context.close();
  });
});
