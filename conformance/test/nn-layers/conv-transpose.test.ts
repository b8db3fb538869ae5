// ConvTranspose2d and F.convTranspose2d against PyTorch 1.13 (fixtures/nn-layers/conv_transpose.json,
// generator/cases_nn_conv_transpose.py): outputs and input / weight / bias gradients, the module's
// outputSize, its repr, its default state after manualSeed, and the calls PyTorch rejects.
import { describe, expect, it } from 'vitest';
import { ConvTranspose2d, functional as F, type ConvTranspose2dModuleOptions, type ConvTranspose2dOptions } from '@torchlet/nn-layers';
import { TorchletError, manualSeed, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decodeState } from './build.js';

type Kernel = number | number[];

interface FunctionalCase extends FixtureCase {
  kind: 'functional';
  options: ConvTranspose2dOptions;
  input: EncodedTensor;
  weight: EncodedTensor;
  bias: EncodedTensor | null;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
  grad_weight: EncodedTensor;
  grad_bias: EncodedTensor | null;
  grad_fn: string;
}

interface LayerCase extends FixtureCase {
  kind: 'layer';
  args: [number, number, Kernel];
  options: ConvTranspose2dModuleOptions;
  output_size: number[] | null;
  state: Record<string, EncodedTensor>;
  input: EncodedTensor;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
  grads: Record<string, EncodedTensor>;
  repr: string;
}

interface InitCase extends FixtureCase {
  kind: 'init';
  args: [number, number, Kernel];
  options: ConvTranspose2dModuleOptions;
  seed: number;
  state: Record<string, EncodedTensor>;
}

interface ErrorCase extends FixtureCase {
  kind: 'error';
  fn: 'F' | 'module';
  args: [number, number, Kernel] | null;
  options: ConvTranspose2dOptions & ConvTranspose2dModuleOptions;
  output_size: number[] | null;
  input: EncodedTensor;
  weight: EncodedTensor | null;
  bias: EncodedTensor | null;
  error: string;
}

type Case = FunctionalCase | LayerCase | InitCase | ErrorCase;
const fixture = loadFixture<Case>('nn-layers', 'conv_transpose');
const byKind = <K extends Case['kind']>(kind: K) =>
  fixture.cases.filter((c): c is Extract<Case, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

const build = (args: [number, number, Kernel], options: ConvTranspose2dModuleOptions) => new ConvTranspose2d(args[0], args[1], args[2], options);

function check(problems: string[], what: string, actual: Tensor | null | undefined, expected: EncodedTensor, c: FixtureCase): void {
  if (!actual) problems.push(`${what}: missing`);
  else problems.push(...compareTensor(actual, expected, c).map((p) => `${what}: ${p}`));
}

describe(`ConvTranspose2d (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(byKind('functional'))('%s', (_id, c) => {
    const x = decode(c.input).requiresGrad_();
    const w = decode(c.weight).requiresGrad_();
    const b = c.bias ? decode(c.bias).requiresGrad_() : null;
    const y = F.convTranspose2d(x, w, b, c.options);
    expect(y.gradFn?.name).toBe(c.grad_fn);
    const problems: string[] = [];
    check(problems, 'output', y, c.output, c);
    y.backward(decode(c.grad_output));
    check(problems, 'grad input', x.grad, c.grad_input, c);
    check(problems, 'grad weight', w.grad, c.grad_weight, c);
    if (c.grad_bias) check(problems, 'grad bias', b?.grad, c.grad_bias, c);
    expect(problems).toEqual([]);
  });

  it.each(byKind('layer'))('%s', (_id, c) => {
    const m = build(c.args, c.options);
    m.to(c.dtype === 'float64' ? 'float64' : 'float32');
    m.loadStateDict(decodeState(c.state));
    m.to(fixtureDevice());
    expect(m.toString()).toBe(c.repr);
    const x = decode(c.input).requiresGrad_();
    const y = m.forward(x, c.output_size);
    const problems: string[] = [];
    check(problems, 'output', y, c.output, c);
    y.backward(decode(c.grad_output));
    check(problems, 'grad input', x.grad, c.grad_input, c);
    const params = new Map(m.namedParameters());
    expect([...params.keys()].sort()).toEqual(Object.keys(c.grads).sort());
    for (const [name, g] of Object.entries(c.grads)) check(problems, `grad ${name}`, params.get(name)?.grad, g, c);
    expect(problems).toEqual([]);
  });

  it.each(byKind('init'))('%s', (_id, c) => {
    manualSeed(c.seed);
    const sd = build(c.args, c.options).stateDict();
    expect(Object.keys(sd).sort()).toEqual(Object.keys(c.state).sort());
    const problems = Object.entries(c.state).flatMap(([k, v]) => compareTensor(sd[k], v, c).map((p) => `${k}: ${p}`));
    expect(problems).toEqual([]);
  });

  it.each(byKind('error'))('%s', (_id, c) => {
    const x = decode(c.input);
    const run = () =>
      c.fn === 'F'
        ? F.convTranspose2d(x, decode(c.weight as EncodedTensor), c.bias ? decode(c.bias) : null, c.options)
        : build(c.args as [number, number, Kernel], c.options).forward(x, c.output_size);
    expect(run, `PyTorch raised: ${c.error}`).toThrow(TorchletError);
  });
});
