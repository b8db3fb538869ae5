// The activations of "the rest of torch.nn" against PyTorch (fixtures/nn-layers/activations.json):
// ELU, Hardtanh, Softplus, PReLU, Mish, Hardswish, LogSigmoid, Softmin and Softmax2d as modules
// (outputs, input and weight gradients, repr), their functional forms, softmax / logSoftmax /
// softmin with `dtype`, and the calls PyTorch rejects.
import { describe, expect, it } from 'vitest';
import { functional as F } from '@torchlet/nn-layers';
import { TorchletError, ones, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildLayer } from './build.js';
import { moduleFor, replayLayerCase, type LayerCase } from './layer-case.js';

interface Args {
  alpha?: number;
  minVal?: number;
  maxVal?: number;
  beta?: number;
  threshold?: number;
  numParameters?: number;
  dim?: number;
  dtype?: DType | null;
}

interface FunctionalCase extends FixtureCase {
  kind: 'functional';
  fn: string;
  args: Args;
  input: EncodedTensor;
  weight?: EncodedTensor;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor | null;
  grad_weight?: EncodedTensor;
}

interface ErrorCase extends FixtureCase {
  kind: 'error';
  fn: string;
  args: Args;
  input: { dtype: DType; shape: number[] };
  weight?: { dtype: DType; shape: number[] };
  error: string;
}

type ActivationCase = (LayerCase & { kind: 'layer'; repr: string }) | FunctionalCase | ErrorCase;

const fixture = loadFixture<ActivationCase>('nn-layers', 'activations');

/** torchlet's call for a functional case, mirroring the generator's `call`. */
function call(fn: string, x: Tensor, a: Args, weight: Tensor | null): Tensor {
  const opts = a.dtype === undefined ? {} : { dtype: a.dtype };
  switch (fn) {
    case 'elu':
      return F.elu(x, a.alpha);
    case 'hardtanh':
      return F.hardtanh(x, a.minVal, a.maxVal);
    case 'softplus':
      return F.softplus(x, a.beta, a.threshold);
    case 'prelu':
      return F.prelu(x, weight as Tensor);
    case 'mish':
      return F.mish(x);
    case 'hardswish':
      return F.hardswish(x);
    case 'logsigmoid':
      return F.logsigmoid(x);
    case 'softmax':
      return F.softmax(x, a.dim as number, opts);
    case 'logSoftmax':
      return F.logSoftmax(x, a.dim as number, opts);
    case 'softmin':
      return F.softmin(x, a.dim as number, opts);
    default:
      throw new Error(`no torchlet call for ${fn}`);
  }
}

const byKind = <K extends ActivationCase['kind']>(kind: K) =>
  fixture.cases.filter((c): c is Extract<ActivationCase, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

describe(`nn-layers activations (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(byKind('layer'))('%s', (_id, c) => {
    const m = moduleFor(c);
    expect(m.toString()).toBe(c.repr);
    expect(replayLayerCase(c, m)).toEqual([]);
  });

  it.each(byKind('functional'))('%s', (_id, c) => {
    const x = decode(c.input).requiresGrad_(c.grad_input !== null);
    const w = c.weight ? decode(c.weight).requiresGrad_() : null;
    const y = call(c.fn, x, c.args, w);
    const problems: string[] = [];
    const check = (what: string, actual: Tensor | null, expected: EncodedTensor) => {
      if (!actual) problems.push(`${what}: missing`);
      else problems.push(...compareTensor(actual, expected, c).map((p) => `${what}: ${p}`));
    };
    check('output', y, c.output);
    if (c.grad_input !== null || w !== null) {
      y.backward(decode(c.grad_output));
      if (c.grad_input) check('grad input', x.grad, c.grad_input);
      if (c.grad_weight) check('grad weight', w?.grad ?? null, c.grad_weight);
    }
    expect(problems).toEqual([]);
  });

  it.each(byKind('error'))('%s', (_id, c) => {
    let thrown: unknown = null;
    try {
      const x = zeros(c.input.shape, { dtype: c.input.dtype });
      if (/^[A-Z]/.test(c.fn)) buildLayer(c.fn, [], c.args as Record<string, unknown>).forward(x);
      else call(c.fn, x, c.args, c.weight ? ones(c.weight.shape, { dtype: c.weight.dtype }) : null);
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `PyTorch raised ${c.error}`).toBeInstanceOf(TorchletError);
  });
});
