/**
 * What a new sweep cell holds: an example W&B sweep config, commented out, so an empty cell shows
 * how to write one and is not an error. Selecting all and pressing Ctrl+/ uncomments the config;
 * the explanation is commented twice (`##`) so it stays a comment.
 */
export const SWEEP_CELL_TEMPLATE = `## A W&B sweep config. Select all and press Ctrl+/ to uncomment the example, then edit it.
## Each trial calls a training function defined in a code cell above, e.g.
##   async function train(config) { return bench.train({ model, data, learningRate: config.lr }); }
# function: train
# method: random
# count: 8
# metric: {name: val/loss, goal: minimize}
# early_terminate: {type: hyperband, min_iter: 3, eta: 3}
# parameters:
#   lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}
#   units: {values: [4, 8, 16]}
`;

/** True when a sweep cell holds nothing but blank lines and comments: no config yet, not an error. */
export function isBlankSweepSource(source: string): boolean {
  return source.split('\n').every((line) => /^\s*(#.*)?$/.test(line));
}
