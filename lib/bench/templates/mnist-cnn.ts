import { cell, mnistTrainCell, type BenchTemplate } from './template';

export const mnistCnnTemplate: BenchTemplate = {
  id: 'mnist-cnn',
  title: 'MNIST CNN',
  description: 'A small convolutional network on handwritten digits; trained on 8,000 digits for 6 epochs (≥ 97% validation accuracy).',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # MNIST with a convolutional network
        Two conv/pool blocks and a dense head. Images keep their 28×28×1 shape (\`layout: 'image'\`).
        On wasm, its convolutions train through Benchtop's own filter-gradient kernel (TensorFlow.js's wasm backend has none).`,
    },
    {
      type: 'code',
      source: cell`
        const EPOCHS = bench.param('epochs', 6);
        const TRAIN_SIZE = bench.param('trainSize', 8000);
        const TEST_SIZE = bench.param('testSize', 2000);
        const data = await bench.datasets.mnist({ trainSize: TRAIN_SIZE, testSize: TEST_SIZE, seed: 1, layout: 'image' });
        data.info`,
    },
    {
      type: 'code',
      source: cell`
        const model = tf.sequential({
          layers: [
            tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.flatten(),
            tf.layers.dense({ units: 128, activation: 'relu' }),
            tf.layers.dense({ units: 10, activation: 'softmax' }),
          ],
        });
        model.summary();`,
    },
    { type: 'code', source: mnistTrainCell({ name: 'mnist-cnn', batchSize: 32, config: '{ filters: [16, 32], dense: 128 }' }) },
  ],
};
