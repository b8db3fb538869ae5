// ctcLoss / CTCLoss against PyTorch 1.13 (fixtures/losses/ctc.json, generator/cases_losses_ctc.py):
// values, the gradient w.r.t. log_probs and the result's grad_fn name for every reduction, padded and
// concatenated targets, unbatched input, blank not 0, repeated labels, zero_infinity; then the
// arguments PyTorch refuses.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { CTCLoss, ctcLoss, type CtcLengths } from '@torchlet/losses';
import { TorchletError } from '@torchlet/tensor-core';
import { compareTensor, decode, decodeOnCpu, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.ts';

interface CtcCase extends FixtureCase {
  options: { blank?: number; reduction?: 'none' | 'mean' | 'sum'; zero_infinity?: boolean };
  log_probs: EncodedTensor;
  targets: EncodedTensor;
  input_lengths: number[] | EncodedTensor;
  target_lengths: number[] | EncodedTensor;
  output?: EncodedTensor;
  grad_output?: EncodedTensor;
  grad?: EncodedTensor;
  grad_fn?: string;
  torch_error?: string;
}

const fixture = loadFixture<CtcCase>('losses', 'ctc');
const valueCases = fixture.cases.filter((c) => c.torch_error === undefined);
const errorCases = fixture.cases.filter((c) => c.torch_error !== undefined);

const lengths = (v: number[] | EncodedTensor): CtcLengths => (Array.isArray(v) ? v : decode(v));
const camel = (o: CtcCase['options']) => ({ blank: o.blank, reduction: o.reduction, zeroInfinity: o.zero_infinity });

describe("ctcLoss matches PyTorch's values, gradients and grad_fn names", () => {
  it.each(valueCases.map((c, i) => [c.id, c, i] as const))('%s', (_id, c, i) => {
    installAutograd();
    const lp = decode(c.log_probs).requiresGrad_(true);
    const targets = decode(c.targets);
    // alternate lengths as arrays and as int64 tensors (on the CPU: the lengths size the work on the
    // host, so a device takes them as numbers or CPU tensors), and the function and the module
    const asLengths = (v: number[] | EncodedTensor): CtcLengths => {
      const values = v as number[];
      return i % 2 === 0 ? values : decodeOnCpu({ dtype: 'int64', shape: [values.length], data: values });
    };
    const inLens = asLengths(c.input_lengths);
    const tgLens = asLengths(c.target_lengths);
    const loss =
      i % 4 < 2
        ? ctcLoss(lp, targets, inLens, tgLens, camel(c.options))
        : new CTCLoss(camel(c.options)).forward(lp, targets, inLens, tgLens);
    expect(loss.gradFn?.name).toBe(c.grad_fn);
    loss.backward(decode(c.grad_output as EncodedTensor));
    const problems = compareTensor(loss, c.output as EncodedTensor, c).map((m) => `output: ${m}`);
    problems.push(...(lp.grad === null ? ['grad: missing'] : compareTensor(lp.grad, c.grad as EncodedTensor, c).map((m) => `grad: ${m}`)));
    expect(problems).toEqual([]);
  });
});

describe('ctcLoss raises where PyTorch raises', () => {
  it.each(errorCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    let thrown: unknown = null;
    try {
      ctcLoss(decode(c.log_probs), decode(c.targets), lengths(c.input_lengths), lengths(c.target_lengths), camel(c.options));
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `PyTorch raised: ${c.torch_error}`).toBeInstanceOf(TorchletError);
    expect((thrown as Error).message).toMatch(/^ctcLoss\(\): argument '\w+' expected .+, got .+/);
  });
});
