/** A notebook the home page can create: markdown and code cells, run top to bottom by Run all. */
export interface BenchTemplate {
  id: string;
  title: string;
  description: string;
  cells: { type: 'markdown' | 'code'; source: string }[];
}

/** Trims the common indentation of a template literal so cell sources read naturally. */
export function cell(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** The training cell both MNIST templates end with: Adam, cross-entropy, a checkpoint per epoch. */
export function mnistTrainCell(options: { name: string; batchSize: number; config: string }): string {
  return cell`
    const run = await bench.train({
      name: '${options.name}',
      model,
      data,
      optimizer: 'adam',
      learningRate: 0.001,
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: EPOCHS,
      batchSize: ${options.batchSize},
      seed: 1,
      checkpointEvery: 1,
      config: ${options.config},
    });
    run.summary['val/accuracy']`;
}
