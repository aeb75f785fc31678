import { cell, mnistTrainCell, type BenchTemplate } from './template';

export const mnistMlpTemplate: BenchTemplate = {
  id: 'mnist-mlp',
  title: 'MNIST MLP',
  description: 'A two-layer perceptron on handwritten digits: the "hello world" of deep learning, tracked as a run.',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # MNIST with a multilayer perceptron
        Digits from the \`mnist\` package (10,000 images, 28×28), flattened to 784 inputs.
        Run all (or Shift+Enter cell by cell). Every training run is stored: open **Runs** to compare.`,
    },
    {
      type: 'code',
      source: cell`
        // bench.param reads overrides such as ?param.epochs=1 from the URL, else the default.
        const EPOCHS = bench.param('epochs', 5);
        const TRAIN_SIZE = bench.param('trainSize', 8000);
        const TEST_SIZE = bench.param('testSize', 2000);
        const data = await bench.datasets.mnist({ trainSize: TRAIN_SIZE, testSize: TEST_SIZE, seed: 1 });
        data.info`,
    },
    {
      type: 'code',
      source: cell`
        const model = tf.sequential({
          layers: [
            tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
            tf.layers.dense({ units: 10, activation: 'softmax' }),
          ],
        });
        model.summary();`,
    },
    { type: 'code', source: mnistTrainCell({ name: 'mnist-mlp', batchSize: 128, config: '{ hidden: 128 }' }) },
  ],
};
