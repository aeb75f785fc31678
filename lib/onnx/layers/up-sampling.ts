import { attr } from '../graph-builder';
import type { AttributeValue } from '../onnx-ir';
import { configString, configTuple } from './config';
import { nchwRef } from './spatial';
import type { LayerConverter } from './types';

/**
 * UpSampling2D → Resize by integer scales on NCHW. tfjs resizes without align_corners or
 * half-pixel centers, which is ONNX's 'asymmetric' transform (nearest rounds down: 'floor').
 */
export const upSampling2d: LayerConverter = {
  className: 'UpSampling2D',
  convert([input], ctx, [outShape]) {
    const [sh, sw] = configTuple(ctx, 'size', 2, [2, 2]);
    const interpolation = configString(ctx, 'interpolation', 'nearest');
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') ctx.fail(`interpolation '${interpolation}' is not supported (nearest or bilinear)`);
    const g = ctx.graph;
    const x = ctx.toChannelsFirst(input);
    const scales = g.floatConst(`${ctx.scope}/scales`, [4], [1, 1, sh, sw]);
    const mode: Record<string, AttributeValue> =
      interpolation === 'nearest'
        ? { mode: attr.string('nearest'), nearest_mode: attr.string('floor') }
        : { mode: attr.string('linear') };
    const y = g.op('Resize', [x.name, '', scales], { ...mode, coordinate_transformation_mode: attr.string('asymmetric') }, ctx.scope);
    return [nchwRef(y, outShape)];
  },
};
