import { cell, type BenchTemplate } from './template';

export const imageCnnTemplate: BenchTemplate = {
  id: 'image-cnn',
  title: 'Your images: small CNN',
  description: 'Images you drop on Datasets (a folder per class, or a zip), resized to 32×32 in a worker; or 180 generated shapes. A small CNN, tracked with the set\'s fingerprint.',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # Your images: a small CNN
        Drop a folder with one sub-folder per class (or a zip of it) on **[Datasets](/datasets)**; the images
        are center-cropped and resized to 32×32 in a worker, kept in this browser, and fingerprinted
        (sha256 over the pixels and labels). Set \`IMAGES\` to the set's name, or open the notebook from its
        card. Without one it trains on 180 generated shapes (circle, square, triangle).
        On wasm, its convolutions train through Benchtop's own filter-gradient kernel (TensorFlow.js's wasm backend has none).`,
    },
    {
      type: 'code',
      source: cell`
        const IMAGES = bench.param('images', 'sample');
        const EPOCHS = bench.param('epochs', 12);
        const data = await bench.datasets.images({ name: IMAGES, validationSplit: 0.2, seed: 1 });
        console.log(\`classes: \${data.images.classes.map((c, i) => \`\${c} (\${data.images.counts[i]})\`).join(', ')}\`);
        if (data.images.bad.length) console.log(\`skipped when read: \${data.images.bad.map((b) => \`\${b.path}: \${b.reason}\`).join('; ')}\`);
        data.info`,
    },
    {
      type: 'code',
      source: cell`
        const model = tf.sequential({
          layers: [
            tf.layers.conv2d({ inputShape: data.info.inputShape, filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
            // "Is the shape anywhere in the picture?": the strongest response of each filter, wherever it is.
            // A flatten + dense head (131k weights) memorised a small set's positions instead.
            tf.layers.globalMaxPooling2d({}),
            tf.layers.dense({ units: data.info.numClasses, activation: 'softmax' }),
          ],
        });
        model.summary();`,
    },
    {
      type: 'code',
      source: cell`
        const run = await bench.train({
          name: 'images-cnn',
          model,
          data,
          optimizer: 'adam',
          learningRate: 0.003,
          loss: 'categoricalCrossentropy',
          metrics: ['accuracy'],
          epochs: EPOCHS,
          batchSize: 8,
          seed: 1,
          config: { filters: [16, 32, 64], head: 'globalMaxPooling', images: IMAGES, side: data.images.side },
        });
        run.summary['val/accuracy']`,
    },
  ],
};
