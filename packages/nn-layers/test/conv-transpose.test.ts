// convTranspose2d / ConvTranspose2d: gradients against finite differences (float64), the identity
// "transposed convolution = conv2d's input gradient", the outputSize rule and the argument checks.
import { describe, expect, it } from 'vitest';
import { grad, gradcheck, installAutograd } from '@torchlet/autograd';
import { TorchletError, manualSeed, randn, type Tensor } from '@torchlet/tensor-core';
import { ConvTranspose2d, functional as F } from '../src/index.js';

installAutograd();
const leaf = (shape: number[], scale = 1): Tensor => randn(shape, { dtype: 'float64' }).mul(scale).requiresGrad_();

function expectAllClose(a: Tensor, b: Tensor, tol = 1e-12): void {
  expect([...a.shape]).toEqual([...b.shape]);
  const x = Array.from(a.toTypedArray(), Number);
  const y = Array.from(b.toTypedArray(), Number);
  x.forEach((v, i) => expect(Math.abs(v - y[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(y[i]))));
}

describe('convTranspose2d', () => {
  it.each([
    ['plain', {}],
    ['stride 2, padding 1, outputPadding 1', { stride: 2, padding: 1, outputPadding: 1 }],
    ['dilation 2, asymmetric stride', { dilation: 2, stride: [1, 2], outputPadding: [1, 1] }],
    ['groups 2', { groups: 2, padding: [1, 0], stride: 2 }],
  ])('gradcheck %s (input, weight, bias)', (_name, options) => {
    manualSeed(5);
    const groups = (options as { groups?: number }).groups ?? 1;
    const x = leaf([2, 4, 3, 4]);
    const w = leaf([4, 3, 3, 2]);
    const b = leaf([3 * groups]);
    expect(gradcheck((xx, ww, bb) => F.convTranspose2d(xx, ww, bb, options), [x, w, b])).toBe(true);
  });

  it("equals conv2d's gradient with respect to its input (same weight, stride, padding, dilation, groups)", () => {
    manualSeed(6);
    const options = { stride: 2, padding: 1, dilation: 2, groups: 2 };
    const w = leaf([4, 3, 3, 3]).detach(); // conv2d: 4 out, 6 in; transposed: 4 in, 6 out
    const x = leaf([2, 4, 3, 3]).detach();
    const probe = leaf([2, 6, 8, 8]); // conv2d of [8, 8] with these options gives [3, 3]
    const y = F.conv2d(probe, w, null, options);
    expect([...y.shape]).toEqual([2, 4, 3, 3]);
    const [expected] = grad([y], [probe], { gradOutputs: [x] });
    expectAllClose(F.convTranspose2d(x, w, null, { ...options, outputPadding: 1 }), expected as Tensor);
  });

  it('refuses unknown options and outputPadding not below stride or dilation', () => {
    const x = leaf([1, 2, 3, 3]);
    const w = leaf([2, 2, 3, 3]);
    expect(() => F.convTranspose2d(x, w, null, { output_padding: 1 } as never)).toThrow(TorchletError);
    expect(() => F.convTranspose2d(x, w, null, { stride: 2, outputPadding: 2 })).toThrow(/outputPadding/);
    expect(() => new ConvTranspose2d(2, 2, 3, { outputSize: [3, 3] } as never)).toThrow(TorchletError);
  });
});

describe('ConvTranspose2d', () => {
  it('has weight (in, out / groups, kH, kW) and picks the output padding for outputSize', () => {
    manualSeed(7);
    const m = new ConvTranspose2d(4, 6, [3, 2], { stride: 2, groups: 2 });
    expect([...m.weight.shape]).toEqual([4, 3, 3, 2]);
    const x = randn([1, 4, 3, 3]);
    expect([...m.forward(x).shape]).toEqual([1, 6, 7, 6]);
    expect([...m.forward(x, [8, 7]).shape]).toEqual([1, 6, 8, 7]);
    expect(() => m.forward(x, [9, 7])).toThrow(/outputSize/);
  });
});
