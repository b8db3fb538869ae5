// grad_fn names: what printing a loss shows (`tensor(0.8123, grad_fn=<NllLossBackward0>)`). For every
// loss, reduction and graph-changing option, the result's grad_fn has PyTorch's name
// (fixtures/losses/grad_fn_names.json records it; generator/cases_losses_names.py).
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.ts';
import { LOSSES } from './helpers.ts';

interface NameCase extends FixtureCase {
  loss: string;
  inputs: EncodedTensor[];
  options: Record<string, unknown>;
  grad_fn: string;
}

const fixture = loadFixture<NameCase>('losses', 'grad_fn_names');

describe("losses' grad_fn names are PyTorch's", () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    installAutograd();
    const args = c.inputs.map((e, i) => decode(e).requiresGrad_(i === 0));
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c.options)) options[k] = typeof v === 'object' && v !== null ? decode(v as EncodedTensor) : v;
    const loss = LOSSES[c.loss](args, options);
    expect(loss.gradFn?.name).toBe(c.grad_fn);
  });
});
