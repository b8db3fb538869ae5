// Double backward through every loss against PyTorch 1.13 (fixtures/losses/double_backward.json):
// first = grad(loss, args, gradOutput, createGraph), then the gradient of sum(first . v) with respect
// to each differentiable argument. Where PyTorch has no double backward (multi_margin_loss,
// multilabel_margin_loss, ctc_loss), the first gradient works and the second backward must throw.
import { describe, expect, it } from 'vitest';
import { grad } from '@torchlet/autograd';
import * as L from '@torchlet/losses';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import { decode, loadFixture, type EncodedTensor } from '../../src/fixtures.js';
import { expectTensor } from '../optim/helpers.js';
import { LOSSES, decodeCall, type LossCall } from './helpers.js';

interface LossDoubleCase extends LossCall {
  kind: 'loss';
  diff_args: string[];
  grad_output: EncodedTensor;
  v: Record<string, EncodedTensor>;
  first: Record<string, EncodedTensor>;
  second: Record<string, EncodedTensor> | null;
  error: string | null;
}

interface CtcDoubleCase extends LossCall {
  kind: 'ctc';
  logits: EncodedTensor;
  targets: EncodedTensor;
  input_lengths: number[];
  target_lengths: number[];
  first: EncodedTensor;
  error: string;
}

type DoubleCase = LossDoubleCase | CtcDoubleCase;

const fixture = loadFixture<DoubleCase>('losses', 'double_backward');

/** 1 - cosine_similarity(x, y, dim=-1) as PyTorch 1.13 (the distance triplet_margin_with_distance.json names 'cosine'). */
const cosine: L.DistanceFunction = (x, y) => x.mul(y).sum(-1).div(x.mul(x).sum(-1).mul(y.mul(y).sum(-1)).clamp(1e-16).sqrt()).mul(-1).add(1);
const CALLS: Record<string, (args: Tensor[], options: Record<string, unknown>) => Tensor> = {
  ...LOSSES,
  tripletMarginWithDistanceLoss: ([a, p, n], { distance, ...o }) =>
    L.tripletMarginWithDistanceLoss(a, p, n, { ...(o as L.TripletMarginWithDistanceLossOptions), distanceFunction: distance === 'cosine' ? cosine : null }),
};
const lossCases = fixture.cases.filter((c): c is LossDoubleCase => c.kind === 'loss');
const ctcCases = fixture.cases.filter((c): c is CtcDoubleCase => c.kind === 'ctc');

/** sum_i (first_i . v_i), the scalar whose gradient is the Hessian-vector product. */
function dot(first: readonly Tensor[], v: readonly Tensor[]): Tensor {
  return first.map((g, i) => g.mul(v[i]).sum()).reduce((a, b) => a.add(b));
}

describe('double backward through the losses (PyTorch fixtures)', () => {
  it.each(lossCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { args, options } = decodeCall(c, c.diff_args);
    const diffs = c.args.flatMap(([name], i) => (c.diff_args.includes(name) ? [args[i]] : []));
    const out = CALLS[c.loss](args, options);
    const first = grad(out, diffs, { gradOutputs: decode(c.grad_output), createGraph: true, allowUnused: true })
      .map((g, i) => g ?? diffs[i].detach().mul(0));
    c.diff_args.forEach((name, i) => expectTensor(first[i].detach(), c.first[name], c, `first ${name}`));
    const s = dot(first, c.diff_args.map((name) => decode(c.v[name])));
    if (c.error !== null) {
      let error: unknown = null;
      try {
        grad(s, diffs, { allowUnused: true });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TorchletError);
      // PyTorch's message: "derivative for aten::multi_margin_loss_backward is not implemented"
      expect((error as Error).message).toContain(c.error);
      return;
    }
    // a first gradient with no graph (a constant: PyTorch's where c.second is null, torchlet's for
    // nll_loss, whose second derivative PyTorch computes as 0) has a second derivative of 0
    const zeros = diffs.map((d) => d.detach().mul(0));
    const second = s.requiresGrad ? grad(s, diffs, { allowUnused: true }).map((g, i) => g ?? zeros[i]) : zeros;
    c.diff_args.forEach((name, i) => {
      const expected = c.second?.[name] ?? { ...c.first[name], data: c.first[name].data.map(() => 0) };
      expectTensor(second[i], expected, c, `second ${name}`);
    });
  });

  it.each(ctcCases.map((c) => [c.id, c] as const))('%s: first gradient with createGraph, then refused', (_id, c) => {
    const x = decode(c.logits).requiresGrad_(true);
    const loss = L.ctcLoss(x.logSoftmax(2), decode(c.targets), c.input_lengths, c.target_lengths);
    const [g] = grad(loss, [x], { createGraph: true });
    expectTensor(g.detach(), c.first, c, 'first');
    expect(() => grad(g.sum(), [x])).toThrow(/derivative for aten::_ctc_loss_backward is not implemented/);
  });
});
