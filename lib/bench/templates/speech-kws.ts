import { cell, type BenchTemplate } from './template';

export const speechKwsTemplate: BenchTemplate = {
  id: 'speech-kws',
  title: 'Keyword spotting (speech)',
  description: 'Log-mel spectrograms computed with tf.signal and a small CNN: six synthesized words, or words you record on Datasets.',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # Keyword spotting
        One-second clips at 8 kHz → STFT (32 ms Hann frames every 16 ms) → power → 40-band mel filterbank
        matrix → log, all with \`tf.signal\` in the kernel worker; a small CNN classifies the spectrogram.
        The shipped words (yes, no, up, down, left, right) were synthesized once with espeak-ng in six voices,
        two speeds and two pitches. Record your own on **[Datasets](/datasets)** (hold to record) and set
        \`CLIPS\` to \`'recorded'\` or \`'both'\`.`,
    },
    {
      type: 'code',
      source: cell`
        const CLIPS = bench.param('clips', 'sample');
        const EPOCHS = bench.param('epochs', 25);
        const data = await bench.datasets.speech({ source: CLIPS as 'sample' | 'recorded' | 'both', validationSplit: 0.2, seed: 1 });
        console.log(\`words: \${data.speech.words.map((w, i) => \`\${w} (\${data.speech.counts[i]})\`).join(', ')}\`);
        data.info`,
    },
    {
      type: 'code',
      source: cell`
        const model = tf.sequential({
          layers: [
            tf.layers.conv2d({ inputShape: data.info.inputShape, filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.flatten(),
            tf.layers.dropout({ rate: 0.3 }),
            tf.layers.dense({ units: 32, activation: 'relu' }),
            tf.layers.dense({ units: data.info.numClasses, activation: 'softmax' }),
          ],
        });
        model.summary();`,
    },
    {
      type: 'code',
      source: cell`
        const run = await bench.train({
          name: 'speech-kws',
          model,
          data,
          optimizer: 'adam',
          learningRate: 0.003,
          loss: 'categoricalCrossentropy',
          metrics: ['accuracy'],
          epochs: EPOCHS,
          batchSize: 16,
          seed: 1,
          config: { clips: CLIPS, features: 'log-mel 40 × 61', filters: [8, 16] },
        });
        run.summary['val/accuracy']`,
    },
  ],
};
