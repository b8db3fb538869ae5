// The torch format of optimizer and scheduler state (optimizerToTorch / schedulerToTorch) against
// PyTorch 1.13 (fixtures/optim/torch_format.json): torchlet resumes PyTorch's saved run and continues
// its trajectory, and torchlet's own saved state holds PyTorch's keys, shapes, dtypes and values.
// With TORCHLET_WRITE_TORCH_FORMAT=1 the second test also writes torchlet's saved files to
// fixtures/optim/torchlet_torch_format.json, which generator/cases_optim_torch_format_torchlet.py loads
// into PyTorch (the generator runs this itself); the third test replays what PyTorch continued from them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSafetensors, saveSafetensorsAsync } from '@torchlet/nn-layers';
import * as optim from '@torchlet/optim';
import type { Tensor } from '@torchlet/tensor-core';
import { FIXTURES_DIR, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildScheduler, type AnyScheduler } from './extra-builders.js';
import { expectJson } from './torch-format-builders.js';
import { expectNumber, expectTensor, makeOptimizer, param, type AnyOptimizer } from './helpers.js';

interface FormatCase extends FixtureCase {
  optimizer: string;
  options: Record<string, unknown>;
  scheduler: { kind: string; options: Record<string, unknown> } | null;
  k: number;
  group_sizes: number[];
  params0: EncodedTensor[];
  params_k: EncodedTensor[];
  grads: EncodedTensor[][];
  metrics: number[] | null;
  saved: { optimizer: optim.TorchOptimizerJson; scheduler: optim.TorchSchedulerJson | null; safetensors_base64: string };
  final: EncodedTensor[];
  lrs: number[][];
}

const fixture = loadFixture<FormatCase>('optim', 'torch_format');
const writing = process.env.TORCHLET_WRITE_TORCH_FORMAT === '1';
const written: { id: string; optimizer: unknown; scheduler: unknown; safetensors_base64: string }[] = [];

interface ResumeCase extends FixtureCase {
  /** PyTorch's params after loading torchlet's files at step k and taking k more steps. */
  final: EncodedTensor[];
}
const resumed = writing ? null : loadFixture<ResumeCase>('optim', 'torch_format_from_torchlet');

function setup(c: FormatCase, values: EncodedTensor[]): { params: Tensor[]; opt: AnyOptimizer; sched: AnyScheduler | null } {
  const params = values.map((v) => param(decode(v)));
  const lr = c.options.lr as number;
  const groups = c.group_sizes.length === 1 ? [{ params }] : [{ params: params.slice(0, 1) }, { params: params.slice(1), lr: lr / 2 }];
  const opt = makeOptimizer(c.optimizer, groups, c.options);
  return { params, opt, sched: c.scheduler === null ? null : buildScheduler(c.scheduler, opt) };
}

function advance(c: FormatCase, params: Tensor[], opt: AnyOptimizer, sched: AnyScheduler | null, t: number): void {
  params.forEach((p, i) => {
    p.grad = decode(c.grads[t][i]);
  });
  opt.step();
  if (sched instanceof optim.ReduceLROnPlateau) sched.step((c.metrics as number[])[t]);
  else sched?.step();
}

describe('optimizer and scheduler state in the torch format (PyTorch fixtures)', () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: resumes PyTorch\'s saved run', (_id, c) => {
    const { params, opt, sched } = setup(c, c.params_k);
    const { tensors } = parseSafetensors(new Uint8Array(Buffer.from(c.saved.safetensors_base64, 'base64')));
    optim.optimizerFromTorch(opt, { json: c.saved.optimizer, tensors });
    if (sched !== null) optim.schedulerFromTorch(sched, c.saved.scheduler as optim.TorchSchedulerJson);
    for (let t = c.k; t < 2 * c.k; t++) {
      advance(c, params, opt, sched, t);
      opt.paramGroups.forEach((g, i) => expectNumber(g.lr, c.lrs[t - c.k][i], c, `step ${t} group ${i} lr`));
    }
    params.forEach((p, i) => expectTensor(p.detach(), c.final[i], c, `param ${i} after ${2 * c.k} steps`));
  });

  // on a device the state tensors are read back as the file is written (saveSafetensorsAsync)
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: saves what PyTorch saves', async (_id, c) => {
    const { params, opt, sched } = setup(c, c.params0);
    for (let t = 0; t < c.k; t++) advance(c, params, opt, sched, t);
    const saved = optim.optimizerToTorch(opt);
    // through the bytes, as a file would go
    const json = JSON.parse(JSON.stringify(saved.json)) as unknown;
    const bytes = await saveSafetensorsAsync(saved.tensors);
    const { tensors } = parseSafetensors(bytes);
    const expected = parseSafetensors(new Uint8Array(Buffer.from(c.saved.safetensors_base64, 'base64'))).tensors;
    expectJson(json, c.saved.optimizer, c, 'optimizer');
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, t] of Object.entries(tensors)) {
      const e = expected[key];
      expect(t.dtype, `${key}: dtype`).toBe(e.dtype);
      expect(t.shape, `${key}: shape`).toEqual(e.shape);
      const enc: EncodedTensor = { dtype: e.dtype, shape: [...e.shape], data: Array.from(e.data as ArrayLike<number | bigint>, Number) };
      expectTensor(t, enc, c, key);
    }
    if (sched !== null) expectJson(JSON.parse(JSON.stringify(optim.schedulerToTorch(sched))), c.saved.scheduler, c, 'scheduler');
    if (writing) {
      written.push({ id: c.id, optimizer: json, scheduler: sched === null ? null : optim.schedulerToTorch(sched), safetensors_base64: Buffer.from(bytes).toString('base64') });
    }
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: PyTorch resumes torchlet\'s saved run', (_id, c) => {
    if (resumed === null) return; // writing the files for the generator
    const r = resumed.cases.find((x) => x.id === c.id);
    expect(r, 'a case in torch_format_from_torchlet.json').toBeDefined();
    (r as ResumeCase).final.forEach((p, i) => expectTensor(decode(p), c.final[i], c, `PyTorch's param ${i} resumed from torchlet's files`));
  });

  afterAll(() => {
    if (writing) writeFileSync(join(FIXTURES_DIR, 'optim', 'torchlet_torch_format.json'), `${JSON.stringify({ cases: written })}\n`);
  });
});
