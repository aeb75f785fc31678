import { createNodeKernel } from './lib/node-kernel';
import { imageCnnTemplate } from '../lib/bench/templates/image-cnn';
import { speechKwsTemplate } from '../lib/bench/templates/speech-kws';
import { tabularTemplate } from '../lib/bench/templates/tabular';
import type { BenchTemplate } from '../lib/bench/templates/template';
import type { Run } from '../lib/track/schemas';

/**
 * `npx tsx bench/data-templates.ts`: runs the table, image and speech templates with their
 * default settings on their shipped samples in the Node kernel (tfjs cpu backend) and prints,
 * per run, validation accuracy and time per epoch (training samples ÷ samples per second).
 */
async function measure(template: BenchTemplate) {
  const kernel = createNodeKernel();
  try {
    for (const [i, c] of template.cells.entries()) {
      if (c.type !== 'code') continue;
      const reply = await kernel.execute({ cellId: `c${i}`, source: c.source });
      if (!reply.ok) throw new Error(`${template.id} cell ${i}: ${reply.error.message}`);
    }
    const texts: string[] = [];
    kernel.onEvent((e) => e.type === 'output' && e.output.type === 'text' && texts.push(e.output.text));
    const listed = await kernel.execute({ cellId: 'list', source: 'console.log(JSON.stringify(await bench.runs()))' });
    if (!listed.ok) throw new Error(listed.error.message);
    return (JSON.parse(texts.join('')) as Run[]).reverse().map((run) => {
      const perSecond = run.summary['perf/samples_per_s']?.last;
      return {
        template: template.id,
        run: run.name,
        val_accuracy: Number(run.summary['val/accuracy'].last.toFixed(4)),
        epochs: run.config.epochs ?? null,
        epoch_ms: perSecond ? Math.round((Number(run.config.trainSize) / perSecond) * 1000) : null,
        fit_ms: run.summary['perf/fit_ms'] ? Math.round(run.summary['perf/fit_ms'].last) : null,
        fingerprint: run.datasetFingerprint,
      };
    });
  } finally {
    kernel.dispose();
  }
}

const results = [];
for (const template of [tabularTemplate, imageCnnTemplate, speechKwsTemplate]) results.push(...(await measure(template)));
console.log(JSON.stringify(results, null, 1));
