import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mnistOnnx } from '@/bench/lib/mnist-onnx';
import { launchChromium } from './browser';

/**
 * Dragging files onto /infer's drop zone (the drag handling shared with the datasets page,
 * components/ui/use-drop-target.ts): the frame lights up while a drag is over it, a file that is
 * not .onnx is refused by name, and a dropped .onnx model opens.
 */
const baseUrl = inject('baseUrl');

describe('drop a model on /infer', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(60_000);
  });
  afterAll(async () => browser?.close());

  /** Dispatches `type` on the drop zone with one file in its DataTransfer. */
  const dispatch = async (type: 'dragover' | 'dragleave' | 'drop', name: string, bytes: Uint8Array) => {
    const dataTransfer = await page.evaluateHandle(
      ({ name, bytes }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name));
        return dt;
      },
      { name, bytes: Array.from(bytes) },
    );
    await page.locator('div', { has: page.getByText(/^Drop (an|another) ONNX model here, or$/) }).last().dispatchEvent(type, { dataTransfer });
  };

  it('highlights while dragged over, refuses a non-.onnx file by name, opens a dropped model', async () => {
    await page.goto(`${baseUrl}/infer`);
    const zone = page.locator('div', { has: page.getByText('Drop an ONNX model here, or') }).last();
    const notes = new TextEncoder().encode('not a model');
    // Sent again until it lights up: a dragover before React has hydrated the page finds no handler.
    const dragOver = async () => {
      await dispatch('dragover', 'notes.txt', notes);
      return zone.getAttribute('class');
    };
    await expect.poll(dragOver, { timeout: 30_000, interval: 500 }).toContain('border-accent-500');
    await dispatch('dragleave', 'notes.txt', notes);
    await expect.poll(() => zone.getAttribute('class'), { timeout: 30_000 }).not.toContain('border-accent-500');
    await dispatch('drop', 'notes.txt', notes);
    await page.getByRole('alert').filter({ hasText: 'notes.txt is not an .onnx file' }).waitFor();
    await dispatch('drop', 'mnist-mlp.onnx', await mnistOnnx('mnist-mlp'));
    await page.getByText('Drop another ONNX model here, or').waitFor();
  });
});
