// Default inits and nn.init from manualSeed, against PyTorch's values for the same seed (this
// needs tensor-core's generator to reproduce torch's CPU stream), plus calculateGain and fans.
import { describe, expect, it } from 'vitest';
import { BatchNorm2d, Conv1d, Conv2d, Embedding, Linear, init, type Module } from '@torchlet/nn-layers';
import { manualSeed, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';

interface InitCase extends FixtureCase {
  seed: number;
  tensors: Record<string, EncodedTensor>;
}

interface InitFixture {
  gains: { nonlinearity: init.Nonlinearity; param: number | null; gain: number }[];
  fans: { shape: number[]; fan_in: number; fan_out: number }[];
}

const fixture = loadFixture<InitCase>('nn-layers', 'init');
const extra = fixture as unknown as InitFixture;

type InitFn = (t: Tensor) => void;
const INITS: Record<string, InitFn> = {
  kaimingUniform_: (t) => init.kaimingUniform_(t),
  'kaimingUniform_(a=0.1,fan_out,leaky_relu)': (t) => init.kaimingUniform_(t, { a: 0.1, mode: 'fan_out' }),
  kaimingNormal_: (t) => init.kaimingNormal_(t),
  'kaimingNormal_(fan_out,relu)': (t) => init.kaimingNormal_(t, { mode: 'fan_out', nonlinearity: 'relu' }),
  xavierUniform_: (t) => init.xavierUniform_(t),
  'xavierUniform_(gain=2)': (t) => init.xavierUniform_(t, { gain: 2 }),
  xavierNormal_: (t) => init.xavierNormal_(t),
  'uniform_(-2,3)': (t) => init.uniform_(t, -2, 3),
  'normal_(1,0.5)': (t) => init.normal_(t, 1, 0.5),
  'constant_(0.25)': (t) => init.constant_(t, 0.25),
  zeros_: (t) => init.zeros_(t),
  ones_: (t) => init.ones_(t),
};

function moduleFor(id: string, dtype: DType): Module {
  const name = id.split('/')[0];
  if (name === 'Linear(3,3)') return new Linear(3, 3, { dtype });
  if (name === 'Linear(20,7)') return new Linear(20, 7, { dtype });
  if (name === 'Conv2d(3,4,3)') return new Conv2d(3, 4, 3, { dtype });
  if (name === 'Conv1d(2,5,4,groups=1)') return new Conv1d(2, 5, 4, { dtype });
  if (name === 'Embedding(10,4,padding_idx=1)') return new Embedding(10, 4, { paddingIdx: 1, dtype });
  if (name === 'Embedding(3,2)') return new Embedding(3, 2, { dtype });
  if (name === 'BatchNorm2d(3)') return new BatchNorm2d(3, { dtype });
  throw new Error(`no module for ${id}`);
}

describe(`nn-layers init from manualSeed (${fixture.cases.length} PyTorch cases)`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    manualSeed(c.seed);
    const problems: string[] = [];
    if (id.startsWith('init-functions')) {
      // one stream through every init, in the generator's order
      for (const [key, expected] of Object.entries(c.tensors)) {
        const [name, shapeText] = key.split('|');
        const t = zeros(shapeText.split('x').map(Number), { dtype: c.dtype });
        INITS[name](t);
        problems.push(...compareTensor(t, expected, c).map((p) => `${key}: ${p}`));
      }
    } else {
      const sd = moduleFor(id, c.dtype).stateDict();
      expect(Object.keys(sd)).toEqual(Object.keys(c.tensors));
      for (const [k, v] of Object.entries(c.tensors)) problems.push(...compareTensor(sd[k], v, c).map((p) => `${k}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it.each(extra.gains.map((g) => [`${g.nonlinearity}(${g.param})`, g] as const))('calculateGain %s', (_id, g) => {
    expect(init.calculateGain(g.nonlinearity, g.param ?? undefined)).toBe(g.gain);
  });

  it.each(extra.fans.map((f) => [f.shape.join('x'), f] as const))('fans of %s', (_id, f) => {
    expect(init.calculateFanInAndFanOut(zeros(f.shape))).toEqual({ fanIn: f.fan_in, fanOut: f.fan_out });
  });
});
