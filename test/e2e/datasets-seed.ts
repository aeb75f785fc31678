import path from 'node:path';
import type { Page } from 'playwright-core';

/** The user-data templates' titles on the home page. */
export const DATA_TEMPLATES = ['Your table: forest vs MLP', 'Your images: small CNN', 'Keyword spotting (speech)'];

const PUBLIC = path.resolve(import.meta.dirname, '../../public/datasets');

/** Stores the shipped sample CSV and image zip through /datasets, as a user would drop them. */
export async function seedDatasets(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/datasets`);
  await page.getByLabel('Choose a CSV').setInputFiles(path.join(PUBLIC, 'sample-plants.csv'));
  await page.getByTestId('table-rows').waitFor({ timeout: 60_000 });
  await page.getByLabel('Choose a zip').setInputFiles(path.join(PUBLIC, 'sample-shapes.zip'));
  await page.getByTestId('image-set-summary').waitFor({ timeout: 120_000 });
}
