import { attr } from '../graph-builder';
import { nchwAxis, type TensorRef } from '../tensor-ref';
import { configBool, configNumber } from './config';
import type { LayerConverter } from './types';

/**
 * BatchNormalization at inference, over the last tfjs axis. Other axes are refused: at inference
 * tfjs 4.22 (cpu kernel, measured) indexes the parameters cyclically over the flat tensor instead
 * of along that axis, so no faithful per-axis file exists.
 * When the normalized axis is ONNX axis 1 (NCHW maps, or [N, C]), it is ONNX BatchNormalization,
 * which onnxruntime fuses into a preceding Conv; otherwise the folded form x * scale + shift.
 */
export const batchNormalization: LayerConverter = {
  className: 'BatchNormalization',
  convert([input], ctx) {
    const g = ctx.graph;
    const rank = input.shape.length;
    const axisConfig = Array.isArray(ctx.config.axis) && ctx.config.axis.length === 1 ? ctx.config.axis[0] : ctx.config.axis;
    const kerasAxis = typeof axisConfig === 'number' ? (axisConfig < 0 ? axisConfig + rank : axisConfig) : ctx.fail(`axis ${JSON.stringify(ctx.config.axis)} is not supported (one axis)`);
    if (kerasAxis !== rank - 1) {
      ctx.fail(`axis ${axisConfig} is not supported: only the last axis (-1) exports faithfully, because tfjs 4.22's own inference does not normalize along other axes (it indexes the parameters cyclically)`);
    }
    const epsilon = configNumber(ctx, 'epsilon', 1e-3);
    const mean = ctx.weight('moving_mean');
    const variance = ctx.weight('moving_variance');
    const channels = mean.data.length;
    const gamma = configBool(ctx, 'scale', true) ? ctx.weight('gamma').data : new Float32Array(channels).fill(1);
    const beta = configBool(ctx, 'center', true) ? ctx.weight('beta').data : new Float32Array(channels);

    const x: TensorRef = input.layout.kind === 'nchw' ? input : ctx.toKeras(input);
    const axis = x.layout.kind === 'nchw' ? nchwAxis(kerasAxis, rank) : kerasAxis;
    if (axis === 1) {
      const y = g.op(
        'BatchNormalization',
        [x.name, g.floatConst(`${ctx.scope}/gamma`, [channels], gamma), g.floatConst(`${ctx.scope}/beta`, [channels], beta), g.floatConst(`${ctx.scope}/moving_mean`, [channels], mean.data), g.floatConst(`${ctx.scope}/moving_variance`, [channels], variance.data)],
        { epsilon: attr.float(epsilon) },
        ctx.scope,
      );
      return [{ ...x, name: y }];
    }
    const scale = new Float32Array(channels);
    const shift = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      scale[c] = gamma[c] / Math.sqrt(variance.data[c] + epsilon);
      shift[c] = beta[c] - mean.data[c] * scale[c];
    }
    const dims = [channels, ...Array.from({ length: rank - 1 - axis }, () => 1)];
    const scaled = g.op('Mul', [x.name, g.floatConst(`${ctx.scope}/scale`, dims, scale)], {}, ctx.scope);
    return [{ ...x, name: g.op('Add', [scaled, g.floatConst(`${ctx.scope}/shift`, dims, shift)], {}, ctx.scope) }];
  },
};
