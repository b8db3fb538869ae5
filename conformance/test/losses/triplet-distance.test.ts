// tripletMarginWithDistanceLoss against PyTorch (fixtures/losses/triplet_margin_with_distance.json):
// the default distance and user-supplied ones, written here with torchlet ops as the generator
// writes them with torch ops; values and the gradients of anchor, positive and negative.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { TripletMarginWithDistanceLoss, tripletMarginWithDistanceLoss, type DistanceFunction } from '@torchlet/losses';
import type { Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.ts';

interface DistanceCase extends FixtureCase {
  distance: 'default' | 'cosine' | 'linf';
  options: { margin: number; swap: boolean; reduction: 'mean' | 'sum' | 'none' };
  inputs: EncodedTensor[];
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grads: EncodedTensor[];
}

const fixture = loadFixture<DistanceCase>('losses', 'triplet_margin_with_distance');

/** 1 - cosine_similarity(x, y, dim=-1): x.y / sqrt(clamp_min(|x|^2 |y|^2, eps^2)), eps = 1e-8, as PyTorch 1.13. */
const cosine: DistanceFunction = (x: Tensor, y: Tensor) =>
  x.mul(y).sum(-1).div(x.mul(x).sum(-1).mul(y.mul(y).sum(-1)).clamp(1e-16).sqrt()).mul(-1).add(1);
const linf: DistanceFunction = (x: Tensor, y: Tensor) => x.sub(y).abs().max(-1).values;
const DISTANCES: Record<DistanceCase['distance'], DistanceFunction | null> = { default: null, cosine, linf };

describe("tripletMarginWithDistanceLoss matches PyTorch's", () => {
  it.each(fixture.cases.map((c, i) => [c.id, c, i] as const))('%s', (_id, c, i) => {
    installAutograd();
    const [a, p, n] = c.inputs.map((e) => decode(e).requiresGrad_(true));
    const options = { ...c.options, distanceFunction: DISTANCES[c.distance] };
    // alternate the function and the module: both must give PyTorch's numbers
    const loss = i % 2 === 0 ? tripletMarginWithDistanceLoss(a, p, n, options) : new TripletMarginWithDistanceLoss(options).forward(a, p, n);
    loss.backward(decode(c.grad_output));
    const problems = compareTensor(loss, c.output, c).map((m) => `output: ${m}`);
    [a, p, n].forEach((t, k) => {
      problems.push(...(t.grad === null ? [`grad ${k}: missing`] : compareTensor(t.grad, c.grads[k], c).map((m) => `grad ${k}: ${m}`)));
    });
    expect(problems).toEqual([]);
  });
});
