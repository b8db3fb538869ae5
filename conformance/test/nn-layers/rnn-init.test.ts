// Recurrent layers' default init after manualSeed (PyTorch's values for the same seed: every
// parameter U(-1/sqrt(H), 1/sqrt(H)) in registration order), and state dicts PyTorch saved as
// safetensors: they load into torchlet's layers and give PyTorch's outputs, and torchlet's state
// dict has PyTorch's keys in PyTorch's order and saves back to the same bytes.
import { describe, expect, it } from 'vitest';
import { noGrad } from '@torchlet/autograd';
import { loadSafetensors, saveSafetensors } from '@torchlet/nn-layers';
import { manualSeed, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildRecurrent, runRecurrent, type RecurrentLayer } from './rnn-case.js';

interface InitCase extends FixtureCase {
  kind: 'init';
  layer: RecurrentLayer;
  args: [number, number];
  options: Record<string, unknown>;
  seed: number;
  tensors: Record<string, EncodedTensor>;
}

interface SafetensorsCase extends FixtureCase {
  kind: 'safetensors';
  layer: RecurrentLayer;
  args: [number, number];
  options: Record<string, unknown>;
  bytes_base64: string;
  keys: string[];
  input: EncodedTensor;
  output: EncodedTensor;
  states: EncodedTensor[];
}

const fixture = loadFixture<InitCase | SafetensorsCase>('nn-layers', 'rnn_init');
const inits = fixture.cases.filter((c): c is InitCase => c.kind === 'init');
const saved = fixture.cases.filter((c): c is SafetensorsCase => c.kind === 'safetensors');

describe(`nn-layers recurrent init from manualSeed (${inits.length} PyTorch cases)`, () => {
  it.each(inits.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    manualSeed(c.seed);
    const sd = buildRecurrent(c.layer, c.args, { ...c.options, dtype: c.dtype }).stateDict();
    expect(Object.keys(sd)).toEqual(Object.keys(c.tensors));
    const problems = Object.entries(c.tensors).flatMap(([k, v]) => compareTensor(sd[k], v, c).map((p) => `${k}: ${p}`));
    expect(problems).toEqual([]);
  });
});

describe(`nn-layers recurrent state dicts saved by PyTorch (${saved.length} cases)`, () => {
  it.each(saved.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const bytes = new Uint8Array(Buffer.from(c.bytes_base64, 'base64'));
    const m = buildRecurrent(c.layer, c.args, { ...c.options, dtype: c.dtype });
    expect(m.loadStateDict(loadSafetensors(bytes))).toEqual({ missingKeys: [], unexpectedKeys: [] });
    m.eval();
    expect(Object.keys(m.stateDict())).toEqual(c.keys);
    // torchlet -> PyTorch: the bytes torchlet writes are the bytes PyTorch's writer made
    expect(Buffer.from(saveSafetensors(m.stateDict(), { metadata: { format: 'pt' } })).equals(Buffer.from(bytes))).toBe(true);
    m.to(fixtureDevice());
    const [output, states] = noGrad(() => runRecurrent(m, decode(c.input), null));
    const problems = compareTensor(output as Tensor, c.output, c).map((p) => `output: ${p}`);
    c.states.forEach((s, i) => problems.push(...compareTensor(states[i], s, c).map((p) => `state ${i}: ${p}`)));
    expect(problems).toEqual([]);
  });
});
