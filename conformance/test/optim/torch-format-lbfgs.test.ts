// LBFGS's state in the torch format (optimizerToTorch / optimizerFromTorch) against PyTorch 1.13
// (fixtures/optim/torch_format_lbfgs.json): torchlet resumes PyTorch's saved run on the Rosenbrock
// closure of lbfgs.test.ts and continues its trajectory, and its own saved state after k steps holds
// PyTorch's keys, shapes, dtypes and values (lists of tensors, 0-d ro / H_diag / al, al's nulls).
// With TORCHLET_WRITE_TORCH_FORMAT=1 the second test also writes torchlet's files to
// fixtures/optim/torchlet_torch_format_lbfgs.json, which generator/cases_optim_torch_format_lbfgs_torchlet.py
// loads into PyTorch (it runs this itself); the third test replays what PyTorch continued from them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSafetensors, saveSafetensorsAsync } from '@torchlet/nn-layers';
import { LBFGS, optimizerFromTorch, optimizerToTorch, type TorchOptimizerJson } from '@torchlet/optim';
import type { Tensor } from '@torchlet/tensor-core';
import { FIXTURES_DIR, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { expectJson } from './torch-format-builders.js';
import { expectNumber, expectTensor, param } from './helpers.js';

interface LBFGSFormatCase extends FixtureCase {
  options: Record<string, unknown>;
  k: number;
  initial: EncodedTensor;
  params_k: EncodedTensor;
  saved: { optimizer: TorchOptimizerJson; safetensors_base64: string };
  losses: number[];
  trajectory: EncodedTensor[];
}

interface ResumeCase extends FixtureCase {
  /** PyTorch's losses and params for the k steps after loading torchlet's files. */
  losses: number[];
  trajectory: EncodedTensor[];
}

const fixture = loadFixture<LBFGSFormatCase>('optim', 'torch_format_lbfgs');
const writing = process.env.TORCHLET_WRITE_TORCH_FORMAT === '1';
const written: { id: string; optimizer: unknown; safetensors_base64: string }[] = [];
const resumed = writing ? null : loadFixture<ResumeCase>('optim', 'torch_format_lbfgs_from_torchlet');
const cases = fixture.cases.map((c) => [c.id, c] as const);
// generator/cases_optim.py ROSENBROCK_A
const A = 2;

/** A (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2, summed, with @torchlet/autograd. */
function rosenbrock(x: Tensor): Tensor {
  const head = x.slice(0, 0, -1);
  const tail = x.slice(0, 1);
  return tail.sub(head.pow(2)).pow(2).mul(A).add(head.neg().add(1).pow(2)).sum();
}

function setup(c: LBFGSFormatCase, values: EncodedTensor): { x: Tensor; opt: LBFGS; step: () => number } {
  const x = param(decode(values));
  const opt = new LBFGS([x], c.options);
  const closure = (): Tensor => {
    opt.zeroGrad();
    const loss = rosenbrock(x);
    loss.backward();
    return loss;
  };
  return { x, opt, step: () => opt.step(closure).item() };
}

function tensorsOf(base64: string): Record<string, Tensor> {
  return parseSafetensors(new Uint8Array(Buffer.from(base64, 'base64'))).tensors;
}

describe('LBFGS state in the torch format (PyTorch fixtures)', () => {
  it.each(cases)('%s: resumes PyTorch\'s saved run', (_id, c) => {
    const { x, opt, step } = setup(c, c.params_k);
    optimizerFromTorch(opt, { json: c.saved.optimizer, tensors: tensorsOf(c.saved.safetensors_base64) });
    for (let i = 0; i < c.k; i++) {
      expectNumber(step(), c.losses[i], c, `step ${c.k + i + 1} loss`);
      expectTensor(x.detach(), c.trajectory[i], c, `params after step ${c.k + i + 1}`);
    }
  });

  it.each(cases)('%s: saves what PyTorch saves', async (_id, c) => {
    const { opt, step } = setup(c, c.initial);
    for (let i = 0; i < c.k; i++) step();
    const saved = optimizerToTorch(opt);
    const json = JSON.parse(JSON.stringify(saved.json)) as unknown;
    expectJson(json, c.saved.optimizer, c, 'optimizer');
    const bytes = await saveSafetensorsAsync(saved.tensors);
    const tensors = parseSafetensors(bytes).tensors;
    const expected = tensorsOf(c.saved.safetensors_base64);
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, t] of Object.entries(tensors)) {
      const e = expected[key];
      expect(t.dtype, `${key}: dtype`).toBe(e.dtype);
      expect(t.shape, `${key}: shape`).toEqual(e.shape);
      const enc: EncodedTensor = { dtype: e.dtype, shape: [...e.shape], data: Array.from(e.data as ArrayLike<number>, Number) };
      expectTensor(t, enc, c, key);
    }
    if (writing) {
      written.push({ id: c.id, optimizer: json, safetensors_base64: Buffer.from(bytes).toString('base64') });
    }
  });

  it.each(cases)('%s: PyTorch resumes torchlet\'s saved run', (_id, c) => {
    if (resumed === null) return; // writing the files for the generator
    const r = resumed.cases.find((x) => x.id === c.id);
    expect(r, 'a case in torch_format_lbfgs_from_torchlet.json').toBeDefined();
    const { losses, trajectory } = r as ResumeCase;
    losses.forEach((l, i) => expectNumber(l, c.losses[i], c, `PyTorch's step ${c.k + i + 1} loss from torchlet's files`));
    trajectory.forEach((p, i) => expectTensor(decode(p), c.trajectory[i], c, `PyTorch's params after step ${c.k + i + 1}`));
  });

  afterAll(() => {
    if (writing) writeFileSync(join(FIXTURES_DIR, 'optim', 'torchlet_torch_format_lbfgs.json'), `${JSON.stringify({ cases: written })}\n`);
  });
});
