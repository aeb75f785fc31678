import { cell, type BenchTemplate } from './template';

export const tabularTemplate: BenchTemplate = {
  id: 'tabular',
  title: 'Your table: forest vs MLP',
  description: 'A CSV you drop on Datasets (or 600 sample plants): typed columns, missing values imputed, a random forest and an MLP on the same split, both tracked.',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # Your table: random forest vs MLP
        Drop a CSV on **[Datasets](/datasets)**, pick its target there, then set \`TABLE\` below to its name
        (or open this notebook with \`?param.table=<name>\`). Without one it trains on a shipped sample:
        600 synthetic plants of three species, with about 3 % of the cells missing.
        Numeric columns are standardized, categorical ones one-hot encoded, text columns left out; missing
        values are filled with the training mean (numeric) or mode (categorical), or with \`missing: 'drop'\`
        those rows are dropped. Both models see the same split and record the same dataset fingerprint,
        so **Runs** compares them.`,
    },
    {
      type: 'code',
      source: cell`
        const TABLE = bench.param('table', 'sample');
        const EPOCHS = bench.param('epochs', 40);
        const TREES = bench.param('trees', 50);
        // Target and missing-value handling as chosen on /datasets; { target, missing: 'impute' | 'drop' } overrides them.
        const data = await bench.datasets.table({ name: TABLE, validationSplit: 0.2, seed: 1 });
        console.log(\`target "\${data.table.target}": \${data.table.classes.join(', ')}\`);
        console.log(\`\${data.info.trainSize} training rows, \${data.info.validationSize} validation rows, \${data.info.inputShape[0]} inputs\`);
        data.table.report`,
    },
    {
      type: 'code',
      source: cell`
        // The seed's scikit-learn baseline: RandomForestClassifier (here ml-random-forest), as a tracked run.
        const forest = await bench.randomForest({ data, name: 'table-forest', nEstimators: TREES, maxFeatures: 0.7, seed: 1, config: { table: TABLE } });
        \`random forest: \${(forest.validationAccuracy * 100).toFixed(1)} % validation accuracy (fit \${forest.fitMs.toFixed(0)} ms)\``,
    },
    {
      type: 'code',
      source: cell`
        const model = tf.sequential({
          layers: [
            tf.layers.dense({ inputShape: data.info.inputShape, units: 32, activation: 'relu' }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 16, activation: 'relu' }),
            tf.layers.dense({ units: data.info.numClasses, activation: 'softmax' }),
          ],
        });
        const mlp = await bench.train({
          name: 'table-mlp',
          model,
          data,
          optimizer: 'adam',
          learningRate: 0.01,
          loss: 'categoricalCrossentropy',
          metrics: ['accuracy'],
          epochs: EPOCHS,
          batchSize: 32,
          seed: 1,
          config: { hidden: [32, 16], table: TABLE },
        });
        \`MLP: \${(mlp.summary['val/accuracy'].last * 100).toFixed(1)} % validation accuracy; forest: \${(forest.validationAccuracy * 100).toFixed(1)} %\``,
    },
  ],
};
