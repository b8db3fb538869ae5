// F.pad and the conv layers' paddingMode: argument errors (PyTorch's cases, naming argument,
// expected and actual), gradients by finite differences in float64, and the layers' plumbing.
import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from '@torchlet/autograd';
import { DTypeError, ShapeError, ValueError, manualSeed, randn, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { Conv1d, Conv2d, functional as F, type ConvPaddingMode, type PadMode } from '../src/index.js';

const leaf = (shape: number[]): Tensor => randn(shape, { dtype: 'float64', requiresGrad: true });
const input = (shape: number[], dtype: DType = 'float32'): Tensor => zeros(shape, { dtype });

describe('F.pad errors', () => {
  it.each([
    ['odd length', [1, 2, 4], [1], {}, ValueError, /argument 'pad' expected an even number of values .*got 1 values/],
    ['too long', [2, 4], [1, 1, 1, 1, 1, 1], {}, ValueError, /argument 'pad' expected at most 4 values for a 2D input of size \[2, 4\].*got 6/],
    ['non-integer', [2, 4], [1.5, 1], {}, ValueError, /argument 'pad' expected a list of integers, got \[1.5,1\]/],
    ['unknown mode', [1, 2, 4], [1, 1], { mode: 'wrap' }, ValueError, /argument 'mode' expected one of 'constant', 'reflect', 'replicate', 'circular'.*got 'wrap'/],
    ['value with reflect', [1, 2, 4], [1, 1], { mode: 'reflect', value: 1 }, ValueError, /argument 'value' expected none .*"reflect" doesn't take in value argument.*got 1/],
    ['reflect pad = size', [1, 2, 4], [4, 1], { mode: 'reflect' }, ValueError, /smaller than the corresponding input dimension \(4 at dim 2\), got padding \(4, 1\) for input of size \[1, 2, 4\]/],
    ['reflect on a 1-D input', [4], [1, 1], { mode: 'reflect' }, ShapeError, /expected a 2D or 3D input, got input of size \[4\]/],
    ['replicate 1 pair on 4-D', [1, 2, 3, 4], [1, 1], { mode: 'replicate' }, ShapeError, /expected a 2D or 3D input, got input of size \[1, 2, 3, 4\]/],
    ['circular on 6-D', [1, 1, 1, 2, 3, 4], [1, 1, 1, 1, 1, 1], { mode: 'circular' }, ShapeError, /expected a 4D or 5D input/],
    ['circular unbatched', [2, 4, 5], [1, 1, 1, 1], { mode: 'circular' }, ShapeError, /argument 'pad' expected 2 values for circular padding of a 3D input.*got 4/],
    ['circular wraps twice', [1, 2, 4], [5, 1], { mode: 'circular' }, ValueError, /at most the 4 elements.*wrapping around more than once.*got padding \(5, 1\)/],
    ['circular wraps the cropped input', [1, 2, 4], [-2, 3], { mode: 'circular' }, ValueError, /at most the 2 elements .*got padding \(-2, 3\)/],
    ['circular negative size', [1, 2, 4], [-3, -2], { mode: 'circular' }, ShapeError, /Negative padding value is resulting in an empty dimension/],
    ['reflect empty channels', [2, 0, 4], [1, 1], { mode: 'reflect' }, ShapeError, /non-zero dimensions .*got input of size \[2, 0, 4\]/],
    ['replicate to empty', [1, 2, 4], [-2, -2], { mode: 'replicate' }, ShapeError, /Calculated output size: 0/],
    ['constant crops too much', [1, 2, 4], [-5, 1], {}, ShapeError, /removes at most the 4 elements of dim 2, got padding \(-5, 1\)/],
    ['constant empty dim with fill', [1, 2, 4], [-2, -2, 1, 0], {}, ShapeError, /input size 4, plus negative padding -2 and -2 resulted in a negative output size/],
  ] as const)('%s', (_name, shape, pad, options, ErrorClass, message) => {
    const call = () => F.pad(input([...shape]), pad, options as { mode?: PadMode; value?: number });
    expect(call).toThrow(ErrorClass);
    expect(call).toThrow(message);
  });

  it('reflect and replicate need float input; constant and circular take any dtype', () => {
    expect(() => F.pad(input([1, 2, 4], 'int64'), [1, 1], { mode: 'reflect' })).toThrow(DTypeError);
    expect(() => F.pad(input([1, 2, 4], 'int64'), [1, 1], { mode: 'replicate' })).toThrow(/expected a float32 or float64 tensor for replicate padding .*got int64/);
    expect(F.pad(input([1, 2, 4], 'int64'), [1, 1], { mode: 'circular' }).shape).toEqual([1, 2, 6]);
    const y = F.pad(input([2], 'int64'), [1, 1], { value: 2.7 });
    expect(Array.from(y.toTypedArray(), Number)).toEqual([2, 0, 0, 2]); // the value is cast like PyTorch: truncated
  });

  it('returns a new tensor when nothing is padded', () => {
    const x = input([2, 3]);
    for (const mode of ['constant', 'reflect', 'replicate'] as const) {
      const y = F.pad(x, [0, 0], { mode });
      expect(y).not.toBe(x);
      expect(y.shape).toEqual([2, 3]);
    }
  });
});

describe('F.pad gradients (float64 finite differences)', () => {
  it.each([
    ['constant, three dims, value', [2, 3, 4, 5], [1, 2, 0, 1, 2, 0], { value: 0.5 }],
    ['constant, negative', [2, 3, 5], [-1, 2, 1, -2], {}],
    ['reflect 1-D', [2, 3, 5], [4, 2], { mode: 'reflect' }],
    ['reflect 2-D, negative', [1, 2, 4, 5], [-1, 3, 2, -1], { mode: 'reflect' }],
    ['reflect 3-D unbatched', [2, 3, 4, 3], [1, 2, 2, 0, 1, 1], { mode: 'reflect' }],
    ['replicate 1-D, wide', [2, 2, 3], [5, 2], { mode: 'replicate' }],
    ['replicate 2-D', [2, 3, 4], [2, 1, 0, 3], { mode: 'replicate' }],
    ['replicate 3-D', [1, 2, 2, 3, 2], [1, 1, 2, 0, 0, 1], { mode: 'replicate' }],
    ['circular 1-D, negative', [2, 2, 5], [-1, 3], { mode: 'circular' }],
    ['circular 2-D', [1, 2, 3, 4], [3, 4, 2, 1], { mode: 'circular' }],
    ['circular 3-D', [1, 1, 2, 3, 4], [1, 2, 3, 0, 2, 2], { mode: 'circular' }],
  ] as const)('%s', (_name, shape, pad, options) => {
    manualSeed(21);
    const x = leaf([...shape]);
    expect(gradcheck((xx) => F.pad(xx, pad, options as { mode?: PadMode; value?: number }), [x])).toBe(true);
  });

  it('is differentiable twice (composed from autograd ops)', () => {
    manualSeed(22);
    expect(gradgradcheck((x) => F.pad(x, [2, 1, 1, 2], { mode: 'reflect' }).pow(2), [leaf([1, 2, 3, 4])])).toBe(true);
  });
});

describe('Conv1d / Conv2d paddingMode', () => {
  it.each(['zeros', 'reflect', 'replicate', 'circular'] as const)('%s: gradients of input, weight and bias', (mode: ConvPaddingMode) => {
    manualSeed(23);
    // the layer's own parameters are gradcheck's inputs, perturbed in place
    const c1 = new Conv1d(2, 3, 3, { padding: 2, paddingMode: mode, dtype: 'float64' });
    expect(gradcheck((x) => c1.forward(x), [leaf([2, 2, 6]), c1.weight, c1.bias as Tensor])).toBe(true);
    const c2 = new Conv2d(2, 2, [3, 2], { padding: [1, 2], stride: [2, 1], paddingMode: mode, dtype: 'float64' });
    expect(gradcheck((x) => c2.forward(x), [leaf([2, 2, 5, 4]), c2.weight, c2.bias as Tensor])).toBe(true);
    const same = new Conv2d(2, 2, [2, 3], { padding: 'same', paddingMode: mode, bias: false, dtype: 'float64' });
    expect(gradcheck((x) => same.forward(x), [leaf([1, 2, 4, 4]), same.weight])).toBe(true);
  });

  it('pads with F.pad using the reversed padding repeated twice, then convolves without padding', () => {
    manualSeed(24);
    const conv = new Conv2d(2, 3, [4, 3], { padding: [1, 2], dilation: [1, 2], paddingMode: 'reflect', dtype: 'float64' });
    expect(conv.reversedPaddingRepeatedTwice).toEqual([2, 2, 1, 1]);
    const same = new Conv2d(2, 3, [4, 3], { padding: 'same', paddingMode: 'circular', dtype: 'float64' });
    expect(same.reversedPaddingRepeatedTwice).toEqual([1, 1, 1, 2]); // dilation * (k - 1), the odd element after
    const x = randn([2, 2, 6, 7], { dtype: 'float64' });
    const expected = F.conv2d(F.pad(x, [2, 2, 1, 1], { mode: 'reflect' }), conv.weight, conv.bias, { dilation: [1, 2] });
    expect(Array.from(conv.forward(x).toTypedArray())).toEqual(Array.from(expected.toTypedArray()));
  });

  it('keeps the state dict, adds padding_mode to the repr, and rejects unknown modes', () => {
    const conv = new Conv1d(2, 3, 3, { paddingMode: 'replicate', bias: false });
    expect(Object.keys(conv.stateDict())).toEqual(['weight']);
    expect(conv.paddingMode).toBe('replicate');
    expect(new Conv1d(2, 3, 3).paddingMode).toBe('zeros');
    expect(() => new Conv2d(2, 3, 3, { paddingMode: 'mirror' as ConvPaddingMode })).toThrow(/argument 'padding_mode' expected one of 'zeros', 'reflect', 'replicate', 'circular', got 'mirror'/);
  });

  it('rejects what F.pad rejects: reflect padding too wide, circular on unbatched input', () => {
    expect(() => new Conv1d(2, 2, 3, { padding: 5, paddingMode: 'reflect' }).forward(randn([1, 2, 5]))).toThrow(/got padding \(5, 5\)/);
    expect(() => new Conv1d(2, 2, 3, { padding: 1, paddingMode: 'circular' }).forward(randn([2, 5]))).toThrow(ShapeError);
  });
});
