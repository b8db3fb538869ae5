// Autograd behaviours against PyTorch 1.13 (fixtures/autograd/behaviours.json).
import { describe, expect, it } from 'vitest';
import { TorchletError } from '@torchlet/tensor-core';
import { compareTensor, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { SCENARIOS, type Inputs } from './scenarios.js';

interface BehaviourCase extends FixtureCase {
  scenario: string;
  inputs: Record<string, EncodedTensor>;
  expected?: Record<string, EncodedTensor | null>;
  error?: string;
}

const fixture = loadFixture<BehaviourCase>('autograd', 'behaviours');

describe(`autograd behaviours (torch ${fixture.torch_version})`, () => {
  it('covers every scenario of the generator', () => {
    const names = new Set(fixture.cases.map((c) => c.scenario));
    expect([...names].filter((n) => !(n in SCENARIOS))).toEqual([]);
  });

  for (const c of fixture.cases) {
    it(c.id, () => {
      const inputs: Inputs = {};
      for (const [k, v] of Object.entries(c.inputs)) inputs[k] = decode(v);
      const run = SCENARIOS[c.scenario];
      if (c.error !== undefined) {
        // PyTorch's first phrase (before any '(' or '.') must appear in torchlet's message.
        const phrase = c.error.replace(/^\w+: /, '').split(/[.(]/)[0].trim();
        expect(() => run(inputs)).toThrow(TorchletError);
        expect(() => run(inputs)).toThrow(phrase);
        return;
      }
      const got = run(inputs);
      const problems: string[] = [];
      for (const [name, expected] of Object.entries(c.expected ?? {})) {
        const actual = got[name];
        if (expected === null) {
          if (actual !== null) problems.push(`${name}: expected null (PyTorch's None), got a tensor`);
          continue;
        }
        if (actual === null || actual === undefined) {
          problems.push(`${name}: got null, expected a tensor`);
          continue;
        }
        for (const p of compareTensor(actual, expected, c)) problems.push(`${name}: ${p}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
