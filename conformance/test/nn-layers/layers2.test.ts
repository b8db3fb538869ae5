// The second batch of issue 17's layers against PyTorch (fixtures/nn-layers/layers2.json): GroupNorm,
// InstanceNorm1d/2d, Dropout2d, Unflatten, MaxPool1d, AvgPool1d, AdaptiveMaxPool2d and Upsample as
// modules (outputs, input and parameter gradients, running statistics after a train step), their
// default state after manualSeed, Dropout2d's masks after manualSeed, the functional forms (indices
// included) and the calls PyTorch rejects.
import { describe, expect, it } from 'vitest';
import {
  init,
  AdaptiveMaxPool2d,
  AvgPool1d,
  Dropout2d,
  GroupNorm,
  InstanceNorm1d,
  InstanceNorm2d,
  MaxPool1d,
  Unflatten,
  Upsample,
  functional as F,
  type TensorModule,
  type UpsampleOptions,
} from '@torchlet/nn-layers';
import { TorchletError, empty, manualSeed, zeros, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decodeState, type Options } from './build.js';
import { replayLayerCase, type LayerCase } from './layer-case.js';

type Arg = number | (number | null)[];

interface InitCase extends FixtureCase {
  kind: 'init';
  layer: string;
  args: Arg[];
  options: Options;
  seed: number;
  state: Record<string, EncodedTensor>;
}

interface Dropout2dCase extends FixtureCase {
  kind: 'dropout2d';
  p: number;
  seed: number;
  input: EncodedTensor;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
}

interface FunctionalCase extends FixtureCase {
  kind: 'functional';
  fn: string;
  args: Options;
  input: EncodedTensor;
  weight?: EncodedTensor;
  bias?: EncodedTensor;
  running_mean?: EncodedTensor;
  running_var?: EncodedTensor;
  output: EncodedTensor;
  indices: EncodedTensor | null;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
  grad_weight?: EncodedTensor;
  grad_bias?: EncodedTensor;
  running_mean_after?: EncodedTensor;
  running_var_after?: EncodedTensor;
}

interface ErrorCase extends FixtureCase {
  kind: 'error';
  fn: string;
  args: Arg[];
  options: Options;
  input: { dtype: 'float32'; shape: number[] };
  error: string;
}

interface InitFnCase extends FixtureCase {
  kind: 'initfn';
  fn: 'truncNormal_' | 'orthogonal_';
  options: Options;
  seed: number;
  output: EncodedTensor;
}

type Layers2Case = (LayerCase & { kind: 'layer'; repr?: string }) | InitCase | Dropout2dCase | FunctionalCase | ErrorCase | InitFnCase;

const fixture = loadFixture<Layers2Case>('nn-layers', 'layers2');

/** The torchlet module for a fixture's (layer, args, options), as the generator's make_module. */
function build(layer: string, args: Arg[], o: Options): TensorModule {
  const a = args as number[];
  switch (layer) {
    case 'GroupNorm':
      return new GroupNorm(a[0], a[1], o as { eps?: number; affine?: boolean });
    case 'InstanceNorm1d':
      return new InstanceNorm1d(a[0], o);
    case 'InstanceNorm2d':
      return new InstanceNorm2d(a[0], o);
    case 'Dropout2d':
      return new Dropout2d(o.p as number | undefined);
    case 'Unflatten':
      return new Unflatten(a[0], args[1] as number[]);
    case 'MaxPool1d':
      return new MaxPool1d(a[0], o);
    case 'AvgPool1d':
      return new AvgPool1d(a[0], o);
    case 'AdaptiveMaxPool2d':
      return new AdaptiveMaxPool2d(args[0] as number | (number | null)[], o);
    case 'Upsample':
      return new Upsample(o as UpsampleOptions);
    default:
      throw new Error(`no builder for layer ${layer}`);
  }
}

/** torchlet's call for a functional case, mirroring the generator's `call`. */
function call(c: FunctionalCase, x: Tensor, t: Record<string, Tensor | undefined>): { output: Tensor; indices: Tensor | null } {
  const a = c.args;
  switch (c.fn) {
    case 'groupNorm':
      return { output: F.groupNorm(x, a.numGroups as number, { weight: t.weight, bias: t.bias, eps: a.eps as number | undefined }), indices: null };
    case 'instanceNorm':
      return {
        output: F.instanceNorm(x, {
          runningMean: t.running_mean,
          runningVar: t.running_var,
          weight: t.weight,
          bias: t.bias,
          useInputStats: a.useInputStats as boolean | undefined,
          momentum: a.momentum as number | undefined,
          eps: a.eps as number | undefined,
        }),
        indices: null,
      };
    case 'maxPool1dWithIndices': {
      const { kernelSize, ...rest } = a;
      return F.maxPool1dWithIndices(x, kernelSize as number, rest);
    }
    case 'adaptiveMaxPool2dWithIndices':
      return F.adaptiveMaxPool2dWithIndices(x, a.outputSize as number);
    case 'interpolate':
      return { output: F.interpolate(x, a), indices: null };
    case 'dropout2d':
      return { output: F.dropout2d(x, a), indices: null };
    default:
      throw new Error(`no torchlet call for ${c.fn}`);
  }
}

const byKind = <K extends Layers2Case['kind']>(kind: K) =>
  fixture.cases.filter((c): c is Extract<Layers2Case, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

describe(`nn-layers layers2 (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(byKind('layer'))('%s', (_id, c) => {
    const m = build(c.layer, c.args, c.options);
    m.to(c.dtype === 'float64' ? 'float64' : 'float32');
    m.loadStateDict(decodeState(c.state));
    m.train(c.train);
    m.to(fixtureDevice());
    if (c.repr !== undefined) expect(m.toString()).toBe(c.repr);
    expect(replayLayerCase(c, m)).toEqual([]);
  });

  it.each(byKind('init'))('%s', (_id, c) => {
    manualSeed(c.seed);
    const sd = build(c.layer, c.args, c.options).stateDict();
    expect(Object.keys(sd).sort()).toEqual(Object.keys(c.state).sort());
    const problems = Object.entries(c.state).flatMap(([k, v]) => compareTensor(sd[k], v, c).map((p) => `${k}: ${p}`));
    expect(problems).toEqual([]);
  });

  it.each(byKind('dropout2d'))('%s', (_id, c) => {
    const x = decode(c.input).requiresGrad_();
    manualSeed(c.seed);
    const y = new Dropout2d(c.p).forward(x);
    y.backward(decode(c.grad_output));
    const problems = [
      ...compareTensor(y, c.output, c).map((p) => `output: ${p}`),
      ...compareTensor(x.grad, c.grad_input, c).map((p) => `grad input: ${p}`),
    ];
    expect(problems).toEqual([]);
  });

  it.each(byKind('functional'))('%s', (_id, c) => {
    const x = decode(c.input).requiresGrad_();
    const t: Record<string, Tensor | undefined> = {};
    for (const name of ['weight', 'bias'] as const) if (c[name]) t[name] = decode(c[name]).requiresGrad_();
    for (const name of ['running_mean', 'running_var'] as const) if (c[name]) t[name] = decode(c[name]);
    const { output, indices } = call(c, x, t);
    const problems: string[] = [];
    const check = (what: string, actual: Tensor | null | undefined, expected: EncodedTensor) => {
      if (!actual) problems.push(`${what}: missing`);
      else problems.push(...compareTensor(actual, expected, c).map((p) => `${what}: ${p}`));
    };
    check('output', output, c.output);
    if (c.indices) check('indices', indices, c.indices);
    output.backward(decode(c.grad_output));
    check('grad input', x.grad, c.grad_input);
    if (c.grad_weight) check('grad weight', t.weight?.grad, c.grad_weight);
    if (c.grad_bias) check('grad bias', t.bias?.grad, c.grad_bias);
    if (c.running_mean_after) check('running mean', t.running_mean, c.running_mean_after);
    if (c.running_var_after) check('running var', t.running_var, c.running_var_after);
    expect(problems).toEqual([]);
  });

  it.each(byKind('error'))('%s', (_id, c) => {
    let thrown: unknown = null;
    try {
      const x = zeros(c.input.shape, { dtype: c.input.dtype });
      if (/^[A-Z]/.test(c.fn)) build(c.fn, c.args, c.options).forward(x);
      else if (c.fn === 'groupNorm') F.groupNorm(x, c.options.numGroups as number);
      else F.interpolate(x, c.options);
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `PyTorch raised ${c.error}`).toBeInstanceOf(TorchletError);
  });

  it.each(byKind('initfn'))('%s', (_id, c) => {
    manualSeed(c.seed);
    const t = empty(c.output.shape, { dtype: c.dtype === 'float64' ? 'float64' : 'float32' });
    if (c.fn === 'truncNormal_') init.truncNormal_(t, c.options);
    else init.orthogonal_(t, c.options);
    expect(compareTensor(t, c.output, c)).toEqual([]);
  });

  it('rejects unknown options', () => {
    expect(() => init.truncNormal_(zeros([3]), { sd: 1 } as never)).toThrow(TorchletError);
    expect(() => init.orthogonal_(zeros([3, 3]), { gian: 1 } as never)).toThrow(TorchletError);
    expect(() => init.orthogonal_(zeros([3]))).toThrow(TorchletError);
    expect(() => new GroupNorm(2, 4, { afine: false } as never)).toThrow(TorchletError);
    expect(() => new InstanceNorm2d(2, { trackRunningStat: true } as never)).toThrow(TorchletError);
    expect(() => new MaxPool1d(2, { returnIndex: true } as never)).toThrow(TorchletError);
    expect(() => new AvgPool1d(2, { divisorOverride: 2 } as never)).toThrow(TorchletError);
    expect(() => new AdaptiveMaxPool2d(2, { return_indices: true } as never)).toThrow(TorchletError);
    expect(() => new Upsample({ scaleFactor: 2, align_corners: true } as never)).toThrow(TorchletError);
    expect(() => F.interpolate(zeros([1, 1, 2, 2]), { scaleFactor: 2, modes: 'bilinear' } as never)).toThrow(TorchletError);
    expect(() => F.dropout2d(zeros([1, 1, 2, 2]), { prob: 0.5 } as never)).toThrow(TorchletError);
  });
});
