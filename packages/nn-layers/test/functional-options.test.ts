// The functional forms refuse unknown option keys, as PyTorch raises TypeError on an unexpected
// keyword argument, naming the camelCase spelling of PyTorch's snake_case one.
import { describe, expect, it } from 'vitest';
import { rand } from '@torchlet/tensor-core';
import { functional as F } from '../src/index.js';

describe('functional options', () => {
  it('conv, dropout, norms, pad and pooling refuse unknown keys', () => {
    const x = rand([1, 2, 6, 6]);
    const w = rand([3, 2, 3, 3]);
    expect(() => F.conv2d(x, w, null, { padding_mode: 'zeros' } as never)).toThrow(/conv2d\(\): unexpected option 'padding_mode'; it takes 'stride', 'padding', 'dilation', 'groups'/);
    expect(() => F.dropout(x, { P: 0.5 } as never)).toThrow(/dropout\(\): unexpected option 'P' \(did you mean 'p'/);
    expect(() => F.layerNorm(x, [6], { elementwise_affine: true } as never)).toThrow(/layer_norm\(\): unexpected option 'elementwise_affine'/);
    expect(() => F.batchNorm(x, null, null, { training: true, eps: 1e-5, momentun: 0.1 } as never)).toThrow(/batch_norm\(\): unexpected option 'momentun'/);
    expect(() => F.pad(x, [1, 1], { valu: 0 } as never)).toThrow(/unexpected option 'valu'/);
    expect(() => F.maxPool2d(x, 2, { ceil_mode: true } as never)).toThrow(/max_pool2d\(\): unexpected option 'ceil_mode' \(did you mean 'ceilMode'/);
    expect(() => F.avgPool2d(x, 2, { count_include_pad: false } as never)).toThrow(/did you mean 'countIncludePad'/);
    expect(F.maxPool2d(x, 2, { ceilMode: true }).shape).toEqual([1, 2, 3, 3]);
  });
});
