import { cell, type BenchTemplate } from './template';

export const playgroundTemplate: BenchTemplate = {
  id: 'playground',
  title: '2-D playground',
  description: 'Two interleaved spirals and a small network, with the decision boundary redrawn every epoch (after TensorFlow Playground).',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # 2-D playground
        Change the noise, the dataset (\`spirals\`, \`circles\`, \`xor\`, \`gaussians\`) or the layers and run again:
        the decision boundary is drawn as the network learns.`,
    },
    {
      type: 'code',
      source: cell`
        const EPOCHS = bench.param('epochs', 60);
        const data = await bench.datasets.spirals({ n: 500, noise: 0.05, seed: 1, validationSplit: 0.2 });
        data.info`,
    },
    {
      type: 'code',
      source: cell`
        const model = tf.sequential({
          layers: [
            tf.layers.dense({ inputShape: [2], units: 16, activation: 'tanh' }),
            tf.layers.dense({ units: 16, activation: 'tanh' }),
            tf.layers.dense({ units: 1, activation: 'sigmoid' }),
          ],
        });`,
    },
    {
      type: 'code',
      source: cell`
        const run = await bench.train({
          name: 'spirals',
          model,
          data,
          optimizer: 'adam',
          learningRate: 0.03,
          loss: 'binaryCrossentropy',
          metrics: ['accuracy'],
          epochs: EPOCHS,
          batchSize: 16,
          seed: 1,
          boundary: true,
          config: { hidden: [16, 16], activation: 'tanh', noise: 0.05 },
        });
        run.summary['val/accuracy']`,
    },
  ],
};
