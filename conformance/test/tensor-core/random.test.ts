// Replays fixtures/tensor-core/random.json (generator/cases_random.py): torch's CPU random streams.
import { describe, expect, it } from 'vitest';
import {
  Generator,
  Tensor,
  manualSeed,
  rand,
  randint,
  randn,
  randperm,
  zeros,
  type DType,
  type Shape,
} from '@torchlet/tensor-core';
import { compareTensor, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';

interface Call {
  op: 'rand' | 'randn' | 'randint' | 'randperm' | 'uniform_' | 'normal_' | 'bernoulli_';
  dtype: DType;
  shape?: number[];
  low?: number;
  high?: number;
  n?: number;
  layout?: 'contiguous' | 'transposed' | 'permuted' | 'strided';
  from?: number;
  to?: number;
  mean?: number;
  std?: number;
  p?: number;
}

interface RandomCase extends FixtureCase {
  seed: number;
  generator: 'default' | 'object';
  calls: Call[];
  out: EncodedTensor[];
}

function runCall(call: Call, generator: Generator | undefined): Tensor {
  const { dtype } = call;
  const shape = call.shape as Shape;
  switch (call.op) {
    case 'rand':
      return rand(shape, { dtype, generator });
    case 'randn':
      return randn(shape, { dtype, generator });
    case 'randint':
      return randint(call.low as number, call.high as number, shape, { dtype, generator });
    case 'randperm':
      return randperm(call.n as number, { dtype, generator });
    default: {
      let target: Tensor;
      if (call.layout === 'transposed') target = zeros([shape[1], shape[0]], { dtype }).t();
      else if (call.layout === 'permuted') target = zeros([shape[1], shape[2], shape[0]], { dtype }).permute(2, 0, 1);
      else if (call.layout === 'strided') target = zeros([shape[0], 2 * shape[1] + 1], { dtype }).slice(1, 1, undefined, 2);
      else target = zeros(shape, { dtype });
      if (call.op === 'uniform_') target.uniform_(call.from, call.to, generator);
      else if (call.op === 'normal_') target.normal_(call.mean, call.std, generator);
      else target.bernoulli_(call.p, generator);
      return target;
    }
  }
}

/** Distance between two finite doubles of the same sign in units in the last place. */
function ulpDistance(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const d = bits[0] - bits[1];
  return Number(d < 0n ? -d : d);
}

const fixture = loadFixture<RandomCase>('tensor-core', 'random');

describe(`tensor-core random streams vs torch ${fixture.torch_version}`, () => {
  for (const c of fixture.cases) {
    it(c.id, () => {
      let generator: Generator | undefined;
      if (c.generator === 'default') manualSeed(c.seed);
      else generator = new Generator().manualSeed(c.seed);
      const problems: string[] = [];
      c.calls.forEach((call, k) => {
        const got = runCall(call, generator);
        for (const p of compareTensor(got, c.out[k], c)) problems.push(`call ${k} (${call.op}): ${p}`);
      });
      expect(problems).toEqual([]);
    });
  }

  it('float32 draws that claim bit-exactness have zero tolerance', () => {
    const exact = fixture.cases.filter((c) => c.dtype === 'float32' || c.dtype === 'int64' || c.dtype === 'bool');
    for (const c of exact) expect([c.id, c.rtol, c.atol]).toEqual([c.id, 0, 0]);
  });

  // float64 draws are a CPU matter (a device without float64 has none)
  it.skipIf(fixtureDevice() !== 'cpu')('float64 normal draws: bit for bit except where glibc misrounds log, sin or cos (1 or 2 ulp)', () => {
    // measure: how many float64 normal elements differ at all from torch, and by how much
    let total = 0;
    let differ = 0;
    let maxUlps = 0;
    for (const c of fixture.cases) {
      if (c.dtype !== 'float64' || !c.calls.every((k) => k.op === 'randn' || k.op === 'normal_')) continue;
      if (c.generator === 'default') manualSeed(c.seed);
      const gen = c.generator === 'object' ? new Generator().manualSeed(c.seed) : undefined;
      c.calls.forEach((call, k) => {
        const got = runCall(call, gen).toTypedArray();
        const want = c.out[k].data as number[];
        for (let i = 0; i < want.length; i++) {
          total++;
          if (got[i] !== want[i]) {
            differ++;
            maxUlps = Math.max(maxUlps, ulpDistance(got[i], want[i]));
          }
        }
      });
    }
    expect(total).toBeGreaterThan(2000);
    // torchlet's log, sin and cos are correctly rounded (test/tensor-core/libm.test.ts); glibc's, which
    // torch's draws use, misround about 1 argument in 700: measured 5 of 2295 values, at most 2 ulp
    expect(differ / total).toBeLessThan(0.005);
    expect(maxUlps).toBeLessThanOrEqual(2);
    console.log(`float64 normal: ${differ}/${total} elements differ from torch; at most ${maxUlps} ulp apart`);
  });
});
