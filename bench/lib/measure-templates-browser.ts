import { withKernelPage } from './browser-harness';

/**
 * What each template reaches with its default settings, Run all in headless Chromium:
 * `npx tsx bench/lib/measure-templates-browser.ts [--backend=webgl] [mnist-cnn …]`. Prints one JSON line per template.
 */
const args = process.argv.slice(2);
const backend = args.find((a) => a.startsWith('--backend='))?.slice('--backend='.length) ?? 'webgl';
const ids = args.filter((a) => !a.startsWith('--'));
const wanted = ids.length > 0 ? ids : ['mnist-mlp', 'mnist-cnn', 'playground'];

await withKernelPage('bench/lib/templates.page.ts', 'runTemplate', async (page) => {
  page.on('console', (m) => console.error(m.text()));
  for (const id of wanted) {
    const result = await page.evaluate(
      (request) => (globalThis as unknown as { runTemplate: (r: unknown) => Promise<unknown> }).runTemplate(request),
      { id, backend },
    );
    console.log(JSON.stringify(result));
  }
});
