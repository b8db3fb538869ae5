// Dropout's scaling, statistically (independent of the random stream): the zero fraction must be
// within 6 standard deviations of p and every kept value must equal PyTorch's 1 / (1 - p) for the
// dtype; eval mode passes the input through unchanged. Then, because tensor-core reproduces torch's
// CPU stream, the exact masks PyTorch draws after manual_seed.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { Dropout } from '@torchlet/nn-layers';
import { manualSeed, ones } from '@torchlet/tensor-core';
import { compareTensor, decode, decodeNumber, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';

interface DropoutCase extends FixtureCase {
  p: number;
  n: number;
  torch_zero_fraction: number;
  kept_value: EncodedTensor;
  kept_values_distinct: number;
}

interface SeededCase extends FixtureCase {
  p: number;
  seed: number;
  input: EncodedTensor;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
}

const all = loadFixture<DropoutCase & Partial<SeededCase>>('nn-layers', 'dropout');
const fixture = { ...all, cases: all.cases.filter((c) => c.seed === undefined) as DropoutCase[] };
const seeded = all.cases.filter((c) => c.seed !== undefined) as SeededCase[];

// the inputs require grad before any module exists (a Module installs autograd itself)
installAutograd();

describe(`nn-layers Dropout statistics (${fixture.cases.length} PyTorch cases)`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    manualSeed(1234);
    const m = new Dropout(c.p);
    const x = ones([c.n], { dtype: c.dtype, requiresGrad: true });
    const y = m.forward(x);
    const values = y.toTypedArray();
    let zeros = 0;
    const kept = new Set<number>();
    for (const v of values) {
      if (v === 0) zeros++;
      else kept.add(v);
    }
    const sigma = Math.sqrt((c.p * (1 - c.p)) / c.n);
    // PyTorch's own fraction is a sample too: both must sit near p.
    expect(Math.abs(c.torch_zero_fraction - c.p)).toBeLessThan(6 * sigma);
    expect(Math.abs(zeros / c.n - c.p)).toBeLessThan(6 * sigma);
    expect(kept.size).toBe(c.kept_values_distinct);
    const expected = decodeNumber(c.kept_value.data[0]);
    for (const v of kept) expect(Math.abs(v - expected)).toBeLessThanOrEqual(c.atol + c.rtol * Math.abs(expected));
    // the gradient is the same mask and scale
    y.backward(ones([c.n], { dtype: c.dtype }));
    const grad = x.grad?.toTypedArray() ?? new Float32Array(0);
    let same = grad.length === values.length;
    for (let i = 0; same && i < values.length; i++) same = grad[i] === values[i];
    expect(same).toBe(true);
    // eval: identity
    m.eval();
    expect(m.forward(x)).toBe(x);
  });
});

describe(`nn-layers Dropout masks after manualSeed (${seeded.length} PyTorch cases)`, () => {
  it.each(seeded.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const x = decode(c.input).requiresGrad_();
    manualSeed(c.seed);
    const y = new Dropout(c.p).forward(x);
    y.backward(decode(c.grad_output));
    const problems = [
      ...compareTensor(y, c.output, c).map((p) => `output: ${p}`),
      ...compareTensor(x.grad, c.grad_input, c).map((p) => `grad input: ${p}`),
    ];
    expect(problems).toEqual([]);
  });
});
