// nn.utils against PyTorch 1.13 (fixtures/nn-layers/utils.json): clipGradNorm_ with every norm type,
// non-finite norms and errorIfNonfinite; clipGradValue_; parametersToVector (with gradients) and
// vectorToParameters.
import { describe, expect, it } from 'vitest';
import { Parameter, utils } from '@torchlet/nn-layers';
import { TorchletError, zeros } from '@torchlet/tensor-core';
import { compareTensor, decode, decodeNumber, fixtureDevice, loadFixture, type EncodedNumber, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';

interface ClipNormCase extends FixtureCase {
  kind: 'clip_grad_norm';
  single: boolean;
  grads: (EncodedTensor | null)[];
  max_norm: EncodedNumber;
  norm_type: EncodedNumber;
  norm_type_string: boolean;
  error_if_nonfinite: boolean;
  total?: EncodedTensor;
  grads_after?: (EncodedTensor | null)[];
  error?: string;
}

interface ClipValueCase extends FixtureCase {
  kind: 'clip_grad_value';
  grads: (EncodedTensor | null)[];
  clip_value: number;
  grads_after: (EncodedTensor | null)[];
}

interface ToVectorCase extends FixtureCase {
  kind: 'to_vector';
  params: EncodedTensor[];
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grads: EncodedTensor[];
}

interface FromVectorCase extends FixtureCase {
  kind: 'from_vector';
  vec: EncodedTensor;
  params: EncodedTensor[];
  params_after?: EncodedTensor[];
  error?: string;
}

type UtilsCase = ClipNormCase | ClipValueCase | ToVectorCase | FromVectorCase;

const fixture = loadFixture<UtilsCase>('nn-layers', 'utils');
const byKind = <K extends UtilsCase['kind']>(kind: K) =>
  fixture.cases.filter((c): c is Extract<UtilsCase, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

/** Parameters holding the case's gradients (a float32 parameter without a gradient for null). */
function withGrads(grads: (EncodedTensor | null)[]): Parameter[] {
  return grads.map((g) => {
    const p = new Parameter(g ? zeros(g.shape, { dtype: g.dtype }) : zeros([2]));
    p.grad = g ? decode(g) : null;
    return p;
  });
}

function compareGrads(ps: Parameter[], expected: (EncodedTensor | null)[], c: FixtureCase): string[] {
  return ps.flatMap((p, i) => {
    const e = expected[i];
    if (e === null) return p.grad === null ? [] : [`grad ${i}: expected none`];
    return p.grad === null ? [`grad ${i}: missing`] : compareTensor(p.grad, e, c).map((m) => `grad ${i}: ${m}`);
  });
}

describe(`nn-layers utils (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(byKind('clip_grad_norm'))('%s', async (_id, c) => {
    const p = decodeNumber(c.norm_type);
    const normType = c.norm_type_string ? (p > 0 ? 'inf' : '-inf') : p;
    const options: utils.ClipGradNormOptions = { normType, errorIfNonfinite: c.error_if_nonfinite };
    // clipGradNormAsync_ replays everywhere; the sync form too, except where testing the norm reads
    // a device (errorIfNonfinite on webgpu: the sync form throws the sync-read error there)
    const forms = fixtureDevice() !== 'cpu' && c.error_if_nonfinite ? (['async'] as const) : (['sync', 'async'] as const);
    for (const form of forms) {
      const ps = withGrads(c.grads);
      const args = [c.single ? ps[0] : ps, decodeNumber(c.max_norm), options] as const;
      if (c.error !== undefined) {
        if (form === 'sync') expect(() => utils.clipGradNorm_(...args), `PyTorch raised ${c.error}`).toThrow(TorchletError);
        else await expect(utils.clipGradNormAsync_(...args), `clipGradNormAsync_: PyTorch raised ${c.error}`).rejects.toThrow(TorchletError);
        continue;
      }
      const total = form === 'sync' ? utils.clipGradNorm_(...args) : await utils.clipGradNormAsync_(...args);
      const problems = [...compareTensor(total, c.total as EncodedTensor, c).map((m) => `total: ${m}`), ...compareGrads(ps, c.grads_after ?? [], c)];
      expect(problems.map((m) => (form === 'async' ? `clipGradNormAsync_: ${m}` : m))).toEqual([]);
    }
  });

  it.each(byKind('clip_grad_value'))('%s', (_id, c) => {
    const ps = withGrads(c.grads);
    expect(utils.clipGradValue_(ps, c.clip_value)).toBeUndefined();
    expect(compareGrads(ps, c.grads_after, c)).toEqual([]);
  });

  it.each(byKind('to_vector'))('%s', (_id, c) => {
    const ps = c.params.map((e) => new Parameter(decode(e)));
    const v = utils.parametersToVector(ps);
    const problems = compareTensor(v, c.output, c).map((m) => `output: ${m}`);
    v.backward(decode(c.grad_output));
    problems.push(...compareGrads(ps, c.grads, c));
    expect(problems).toEqual([]);
  });

  it.each(byKind('from_vector'))('%s', (_id, c) => {
    const ps = c.params.map((e) => new Parameter(decode(e)));
    const run = () => utils.vectorToParameters(decode(c.vec), ps);
    if (c.error !== undefined) {
      expect(run, `PyTorch raised ${c.error}`).toThrow(TorchletError);
      // torchlet writes nothing when a slice does not fit (PyTorch has written the ones before it)
      expect(ps.flatMap((p, i) => compareTensor(p, c.params[i], c))).toEqual([]);
      return;
    }
    run();
    expect(ps.flatMap((p, i) => compareTensor(p, (c.params_after as EncodedTensor[])[i], c).map((m) => `param ${i}: ${m}`))).toEqual([]);
  });
});
