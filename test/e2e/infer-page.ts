import type { Page } from 'playwright-core';

/** Draws a "1" (one vertical stroke down the middle) on /infer's digit pad and returns the predicted class. */
export async function drawOneAndPredict(page: Page): Promise<string> {
  const pad = page.getByTestId('digit-canvas');
  await pad.waitFor({ timeout: 120_000 });
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + (0.7 * i) / 12));
  await page.mouse.up();
  const prediction = page.getByTestId('infer-prediction');
  await prediction.waitFor({ timeout: 60_000 });
  return prediction.innerText();
}
