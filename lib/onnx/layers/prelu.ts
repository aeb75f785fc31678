import type { LayerConverter } from './types';

/**
 * PReLU with its learned slope (shape = input shape without batch, shared axes as 1). For an
 * NCHW value the slope is transposed to [C, H, W] so it still broadcasts per element.
 */
export const prelu: LayerConverter = {
  className: 'PReLU',
  convert([input], ctx) {
    const alpha = ctx.weight('alpha');
    const x = input.layout.kind === 'flat-nchw' ? ctx.toKeras(input) : input;
    let dims = alpha.shape;
    let data = alpha.data;
    if (x.layout.kind === 'nchw') {
      const [h, w, c] = alpha.shape;
      dims = [c, h, w];
      data = new Float32Array(alpha.data.length);
      for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) for (let ci = 0; ci < c; ci++) data[(ci * h + y) * w + xx] = alpha.data[(y * w + xx) * c + ci];
    }
    const slope = ctx.graph.floatConst(`${ctx.scope}/alpha`, dims, data);
    return [{ ...x, name: ctx.graph.op('PRelu', [x.name, slope], {}, ctx.scope) }];
  },
};
