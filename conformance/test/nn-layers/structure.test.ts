// Module bookkeeping against PyTorch: state_dict keys, named_parameters, named_buffers, children,
// modules, and load_state_dict's errors and non-strict report.
import { describe, expect, it } from 'vitest';
import { Linear, StateDictError } from '@torchlet/nn-layers';
import { zeros } from '@torchlet/tensor-core';
import { loadFixture, type FixtureCase } from '../../src/fixtures.js';
import { buildModel } from './build.js';

interface StructureCase extends FixtureCase {
  state_dict_keys: string[];
  named_parameters: [string, number[]][];
  named_buffers: [string, number[], string][];
  children: string[];
  modules: string[];
  named_modules: string[];
}

interface LoadError {
  id: string;
  message?: string;
  missing_keys?: string[];
  unexpected_keys?: string[];
}

const fixture = loadFixture<StructureCase>('nn-layers', 'structure');
const loadErrors = (fixture as unknown as { load_errors: LoadError[] }).load_errors;

describe(`nn-layers module structure (${fixture.cases.length} PyTorch cases)`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const m = buildModel(c.id);
    expect(Object.keys(m.stateDict())).toEqual(c.state_dict_keys);
    expect([...m.namedParameters()].map(([n, p]) => [n, [...p.shape]])).toEqual(c.named_parameters);
    expect([...m.namedBuffers()].map(([n, b]) => [n, [...b.shape], b.dtype])).toEqual(c.named_buffers);
    expect([...m.children()].map((x) => x.typeName)).toEqual(c.children);
    expect([...m.modules()].map((x) => x.typeName).slice(1)).toEqual(c.modules.slice(1));
    expect([...m.namedModules()].map(([n]) => n)).toEqual(c.named_modules);
  });

  it('loadStateDict errors like PyTorch (missing, unexpected, size mismatch)', () => {
    const expected = loadErrors.find((e) => e.id === 'linear-missing-unexpected-size')?.message ?? '';
    const lin = new Linear(3, 2);
    const before = Array.from(lin.weight.toTypedArray());
    let message = '';
    try {
      lin.loadStateDict({ weight: zeros([2, 4]), extra: zeros([1]) });
    } catch (e) {
      expect(e).toBeInstanceOf(StateDictError);
      message = (e as Error).message;
    }
    // PyTorch prints shapes as torch.Size([2, 4]); torchlet as [2, 4].
    expect(message).toBe(expected.replace(/torch\.Size\((\[[^\]]*\])\)/g, '$1'));
    expect(Array.from(lin.weight.toTypedArray())).toEqual(before); // nothing copied
  });

  it('loadStateDict non-strict reports missing and unexpected keys like PyTorch', () => {
    const expected = loadErrors.find((e) => e.id === 'linear-non-strict');
    const r = new Linear(3, 2).loadStateDict({ weight: zeros([2, 3]), extra: zeros([1]) }, { strict: false });
    expect(r).toEqual({ missingKeys: expected?.missing_keys, unexpectedKeys: expected?.unexpected_keys });
  });
});
