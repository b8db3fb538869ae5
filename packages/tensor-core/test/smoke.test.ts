import { describe, expect, it } from 'vitest';
import { Tensor } from '@torchlet/tensor-core';

describe('Tensor', () => {
  it('derives contiguous strides from its shape', () => {
    const x = new Tensor(new Float32Array(6), [2, 3], 'float32');
    expect(x.strides).toEqual([3, 1]);
    expect(x.numel()).toBe(6);
  });
});
