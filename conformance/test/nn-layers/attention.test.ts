// MultiheadAttention, TransformerEncoderLayer and TransformerEncoder against PyTorch 1.13
// (fixtures/nn-layers/attention.json; format in generator/cases_nn_attention.py): self-, cross- and
// separate-projection attention, kdim/vdim, key padding and attention masks (bool and float, 2-D and
// 3-D), addBiasKV, addZeroAttn, per-head weights, unbatched inputs, dropout (eval, and train after
// manualSeed), post- and pre-norm encoder layers, stacked encoders; default init after manualSeed.
import { describe, expect, it } from 'vitest';
import { LayerNorm, MultiheadAttention, TransformerEncoder, TransformerEncoderLayer, type Module, type TransformerEncoderLayerOptions } from '@torchlet/nn-layers';
import { manualSeed, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decodeState } from './build.js';

interface Base extends FixtureCase {
  layer: 'MultiheadAttention' | 'TransformerEncoderLayer' | 'TransformerEncoder';
  args: [number, number];
  options: Record<string, unknown>;
}

interface MhaCase extends Base {
  kind: 'mha';
  train: boolean;
  seed: number | null;
  state: Record<string, EncodedTensor>;
  query: EncodedTensor;
  key: EncodedTensor | null;
  value: EncodedTensor | null;
  forward: { keyPaddingMask: EncodedTensor | null; attnMask: EncodedTensor | null; needWeights: boolean; averageAttnWeights: boolean };
  output: EncodedTensor;
  weights: EncodedTensor | null;
  grad_output: EncodedTensor;
  grad_weights: EncodedTensor | null;
  grads_in: { query: EncodedTensor; key: EncodedTensor | null; value: EncodedTensor | null };
  grads: Record<string, EncodedTensor>;
}

interface EncoderCase extends Base {
  kind: 'encoder';
  num_layers: number | null;
  final_norm: boolean;
  train: boolean;
  seed: number | null;
  state: Record<string, EncodedTensor>;
  input: EncodedTensor;
  forward: { mask: EncodedTensor | null; srcKeyPaddingMask: EncodedTensor | null };
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
  grads: Record<string, EncodedTensor>;
}

interface InitCase extends Base {
  kind: 'init';
  seed: number;
  tensors: Record<string, EncodedTensor>;
}

const fixture = loadFixture<MhaCase | EncoderCase | InitCase>('nn-layers', 'attention');
const of = <K extends 'mha' | 'encoder' | 'init'>(kind: K) =>
  fixture.cases.filter((c): c is Extract<MhaCase | EncoderCase | InitCase, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

const maybe = (e: EncodedTensor | null): Tensor | null => (e ? decode(e) : null);

function encoderFor(c: Base & { num_layers?: number | null; final_norm?: boolean }): Module & { forward(x: Tensor, o?: object): Tensor } {
  const { numLayers, ...options } = c.options as TransformerEncoderLayerOptions & { numLayers?: number };
  const layer = new TransformerEncoderLayer(c.args[0], c.args[1], { ...options, dtype: c.dtype });
  const n = c.num_layers ?? numLayers;
  if (c.layer === 'TransformerEncoderLayer' && !n) return layer;
  return new TransformerEncoder(layer, n as number, { norm: c.final_norm ? new LayerNorm(c.args[0], { dtype: c.dtype }) : undefined });
}

function gradProblems(m: Module, expected: Record<string, EncodedTensor>, c: FixtureCase): string[] {
  const params = new Map(m.namedParameters());
  const problems: string[] = [];
  const names = [...params.keys()].join(', ');
  if (names !== Object.keys(expected).join(', ')) problems.push(`parameters: [${names}], expected [${Object.keys(expected).join(', ')}]`);
  for (const [name, g] of Object.entries(expected)) {
    const grad = params.get(name)?.grad;
    if (!grad) problems.push(`grad ${name}: missing`);
    else problems.push(...compareTensor(grad, g, c).map((p) => `grad ${name}: ${p}`));
  }
  return problems;
}

describe(`nn-layers MultiheadAttention (${of('mha').length} PyTorch cases)`, () => {
  it.each(of('mha'))('%s', (_id, c) => {
    const m = new MultiheadAttention(c.args[0], c.args[1], c.options);
    m.to(c.dtype);
    m.loadStateDict(decodeState(c.state));
    m.train(c.train);
    m.to(fixtureDevice());
    const q = decode(c.query).requiresGrad_(true);
    const k = c.key ? decode(c.key).requiresGrad_(true) : q;
    const v = c.value ? decode(c.value).requiresGrad_(true) : k;
    if (c.seed !== null) manualSeed(c.seed);
    const [out, w] = m.forward(q, k, v, {
      keyPaddingMask: maybe(c.forward.keyPaddingMask),
      attnMask: maybe(c.forward.attnMask),
      needWeights: c.forward.needWeights,
      averageAttnWeights: c.forward.averageAttnWeights,
    });
    const problems = compareTensor(out, c.output, c).map((p) => `output: ${p}`);
    if (c.weights) problems.push(...(w ? compareTensor(w, c.weights, c).map((p) => `weights: ${p}`) : ['weights: missing']));
    else if (w) problems.push('weights: expected none');
    let loss = out.mul(decode(c.grad_output)).sum();
    if (w && c.grad_weights) loss = loss.add(w.mul(decode(c.grad_weights)).sum());
    loss.backward();
    const inputs: [string, Tensor, EncodedTensor | null][] = [['query', q, c.grads_in.query], ['key', k, c.grads_in.key], ['value', v, c.grads_in.value]];
    for (const [name, t, g] of inputs) {
      if (!g) continue;
      if (!t.grad) problems.push(`grad ${name}: missing`);
      else problems.push(...compareTensor(t.grad, g, c).map((p) => `grad ${name}: ${p}`));
    }
    problems.push(...gradProblems(m, c.grads, c));
    expect(problems).toEqual([]);
  });
});

describe(`nn-layers TransformerEncoderLayer and TransformerEncoder (${of('encoder').length} PyTorch cases)`, () => {
  it.each(of('encoder'))('%s', (_id, c) => {
    const m = encoderFor(c);
    m.loadStateDict(decodeState(c.state));
    m.train(c.train);
    m.to(fixtureDevice());
    const x = decode(c.input).requiresGrad_(true);
    if (c.seed !== null) manualSeed(c.seed);
    const masks = { mask: maybe(c.forward.mask), srcKeyPaddingMask: maybe(c.forward.srcKeyPaddingMask) };
    const y = m instanceof TransformerEncoder ? m.forward(x, masks) : m.forward(x, { srcMask: masks.mask, srcKeyPaddingMask: masks.srcKeyPaddingMask });
    const problems = compareTensor(y, c.output, c).map((p) => `output: ${p}`);
    y.mul(decode(c.grad_output)).sum().backward();
    problems.push(...(x.grad ? compareTensor(x.grad, c.grad_input, c).map((p) => `grad input: ${p}`) : ['grad input: missing']));
    problems.push(...gradProblems(m, c.grads, c));
    expect(problems).toEqual([]);
  });
});

describe(`nn-layers attention init from manualSeed (${of('init').length} PyTorch cases)`, () => {
  it.each(of('init'))('%s', (_id, c) => {
    manualSeed(c.seed);
    const m = c.layer === 'MultiheadAttention' ? new MultiheadAttention(c.args[0], c.args[1], { ...c.options, dtype: c.dtype }) : encoderFor(c);
    const sd = m.stateDict();
    expect(Object.keys(sd)).toEqual(Object.keys(c.tensors));
    expect(Object.entries(c.tensors).flatMap(([k, v]) => compareTensor(sd[k], v, c).map((p) => `${k}: ${p}`))).toEqual([]);
  });
});
