// F.pad and Conv1d / Conv2d padding modes against PyTorch (fixtures/nn-layers/padding.json):
// padded outputs and input gradients in every mode, PyTorch's rejected inputs, and the conv layers'
// outputs, gradients and repr with each padding_mode.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { functional as F, type PadMode } from '@torchlet/nn-layers';
import { TorchletError, zeros, type DType } from '@torchlet/tensor-core';
import { compareTensor, decode, decodeNumber, loadFixture, type EncodedNumber, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { moduleFor, replayLayerCase, type LayerCase } from './layer-case.js';

interface PadCase extends FixtureCase {
  kind: 'pad';
  pad: number[];
  mode: PadMode;
  value: EncodedNumber | null;
  input: EncodedTensor;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor;
}

interface PadErrorCase extends FixtureCase {
  kind: 'pad_error';
  shape: number[];
  pad: number[];
  mode: string;
  value: number | null;
  error: string;
}

interface ConvCase extends LayerCase {
  kind: 'layer';
  repr: string;
}

type PaddingCase = PadCase | PadErrorCase | ConvCase;

const fixture = loadFixture<PaddingCase>('nn-layers', 'padding');

// F.pad's inputs require grad, and F.pad builds no module (which would install autograd itself)
installAutograd();
const byKind = <K extends PaddingCase['kind']>(kind: K) =>
  fixture.cases.filter((c): c is Extract<PaddingCase, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

describe(`nn-layers padding (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(byKind('pad'))('%s', (_id, c) => {
    const x = decode(c.input).requiresGrad_();
    const y = F.pad(x, c.pad, { mode: c.mode, value: c.value === null ? undefined : decodeNumber(c.value) });
    const problems = compareTensor(y, c.output, c).map((p) => `output: ${p}`);
    y.backward(decode(c.grad_output));
    if (!x.grad) problems.push('grad input: missing');
    else problems.push(...compareTensor(x.grad, c.grad_input, c).map((p) => `grad input: ${p}`));
    expect(problems).toEqual([]);
  });

  it.each(byKind('pad_error'))('%s', (_id, c) => {
    const x = zeros(c.shape, { dtype: c.dtype as DType });
    let thrown: unknown = null;
    try {
      F.pad(x, c.pad, { mode: c.mode as PadMode, value: c.value ?? undefined });
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `PyTorch raised ${c.error}`).toBeInstanceOf(TorchletError);
  });

  it.each(byKind('layer'))('%s', (_id, c) => {
    const m = moduleFor(c);
    expect(m.toString()).toBe(c.repr);
    expect(replayLayerCase(c, m)).toEqual([]);
  });
});
