// BatchNorm's running statistics over several train steps (momentum, cumulative average, the
// unbiased running variance, num_batches_tracked), then the eval output, against PyTorch.
import { describe, expect, it } from 'vitest';
import type { TensorModule } from '@torchlet/nn-layers';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildLayer, decodeState, type Options } from './build.js';

interface Step {
  input: EncodedTensor;
  output: EncodedTensor;
  state: Record<string, EncodedTensor>;
}

interface BatchNormCase extends FixtureCase {
  layer: string;
  args: number[];
  options: Options;
  state: Record<string, EncodedTensor>;
  steps: Step[];
  eval_input: EncodedTensor;
  eval_output: EncodedTensor;
}

const fixture = loadFixture<BatchNormCase>('nn-layers', 'batchnorm_steps');

describe(`nn-layers BatchNorm running statistics (${fixture.cases.length} PyTorch cases)`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const m = buildLayer(c.layer, c.args, c.options) as TensorModule;
    m.to(c.dtype === 'float64' ? 'float64' : 'float32');
    m.loadStateDict(decodeState(c.state));
    m.train();
    m.to(fixtureDevice());
    const problems: string[] = [];
    c.steps.forEach((step, i) => {
      const y = m.forward(decode(step.input));
      problems.push(...compareTensor(y, step.output, c).map((p) => `step ${i} output: ${p}`));
      const sd = m.stateDict();
      expect(Object.keys(sd)).toEqual(Object.keys(step.state));
      for (const [k, v] of Object.entries(step.state)) {
        problems.push(...compareTensor(sd[k], v, c).map((p) => `step ${i} ${k}: ${p}`));
      }
    });
    m.eval();
    const y = m.forward(decode(c.eval_input));
    problems.push(...compareTensor(y, c.eval_output, c).map((p) => `eval output: ${p}`));
    expect(problems).toEqual([]);
  });
});
