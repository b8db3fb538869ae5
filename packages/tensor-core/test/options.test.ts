// The trailing options argument of creation functions is validated at run time: plain-JS callers
// porting PyTorch's varargs (`randn(10, 3)`) or passing an unknown dtype get a clear error.
import { describe, expect, it } from 'vitest';
import * as tc from '../src/index.js';
import { TorchletError, type DType } from '../src/index.js';

type AnyCreation = (...args: unknown[]) => unknown;
const call = (fn: unknown, ...args: unknown[]) => () => (fn as AnyCreation)(...args);
const like = tc.zeros([2]);

const cases: [string, unknown, unknown[]][] = [
  ['zeros', tc.zeros, [10]],
  ['ones', tc.ones, [10]],
  ['empty', tc.empty, [10]],
  ['rand', tc.rand, [10]],
  ['randn', tc.randn, [10]],
  ['full', tc.full, [[2], 1.5]],
  ['randint', tc.randint, [0, 5, [3]]],
  ['randperm', tc.randperm, [4]],
  ['arange', tc.arange, [0, 4, 1]],
  ['linspace', tc.linspace, [0, 1, 5]],
  ['eye', tc.eye, [3, 3]],
  ['tensor', tc.tensor, [[1, 2]]],
  ['zerosLike', tc.zerosLike, [like]],
  ['randnLike', tc.randnLike, [like]],
];

describe.each(cases)('%s options', (name, fn, args) => {
  it('rejects a number where the options object goes, naming the argument', () => {
    expect(call(fn, ...args, 3)).toThrow(TorchletError);
    expect(call(fn, ...args, 3)).toThrow(`${name}(): argument 'options' expected an options object`);
  });

  it('rejects an unknown dtype, naming the valid ones', () => {
    expect(call(fn, ...args, { dtype: 'float16' })).toThrow(`${name}(): argument 'dtype' expected one of float32, float64, int64, int32, bool, got 'float16'`);
  });

  it('accepts undefined and an empty object like no options', () => {
    const a = (fn as AnyCreation)(...args, undefined) as tc.Tensor;
    const b = (fn as AnyCreation)(...args, {}) as tc.Tensor;
    expect(a.dtype).toBe(b.dtype);
    expect(a.shape).toEqual(b.shape);
  });
});

it('the PyTorch varargs spelling randn(10, 3) points at the array form', () => {
  expect(call(tc.randn, 10, 3)).toThrow('shapes are arrays: randn([..., 3])');
});

it('an explicit dtype is honoured', () => {
  for (const dtype of tc.DTYPES) {
    if (dtype === 'bool') continue;
    expect(tc.zeros([2], { dtype: dtype as DType }).dtype).toBe(dtype);
  }
});

it('to() rejects an unknown dtype, naming the valid ones', () => {
  expect(() => tc.zeros([2]).to('float16' as DType)).toThrow("to(): argument 'target' expected a dtype (float32, float64, int64, int32, bool) or a device ('cpu', 'webgpu'), got 'float16'");
  expect(() => tc.zeros([2]).to({ dtype: 'float16' as DType })).toThrow("to(): argument 'dtype' expected one of float32, float64, int64, int32, bool, got 'float16'");
});
