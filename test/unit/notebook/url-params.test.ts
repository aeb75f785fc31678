import { describe, expect, it } from 'vitest';
import { parseKernelUrlParams } from '@/lib/notebook/url-params';

describe('kernel URL parameters', () => {
  it('reads a forced backend and typed params', () => {
    const r = parseKernelUrlParams(new URLSearchParams('backend=cpu&param.epochs=1&param.lr=0.01&param.shuffle=false&param.name=quick&other=1'));
    expect(r).toEqual({ backend: 'cpu', params: { epochs: 1, lr: 0.01, shuffle: 'false', name: 'quick' } });
  });

  it('ignores an unknown backend and empty param names', () => {
    expect(parseKernelUrlParams(new URLSearchParams('backend=tpu&param.=3&param.x='))).toEqual({ backend: null, params: { x: '' } });
  });
});
