// Every other scheduler's state in the torch format (schedulerToTorch / schedulerFromTorch) against
// PyTorch 1.13 (fixtures/optim/torch_format_schedulers.json): MultiStepLR, LambdaLR, MultiplicativeLR,
// CosineAnnealingWarmRestarts, CyclicLR, SequentialLR, ChainedScheduler and SWALR. torchlet resumes
// PyTorch's saved run and continues its lrs and params, and its own saved state holds PyTorch's keys
// and values. With TORCHLET_WRITE_TORCH_FORMAT=1 the second test also writes torchlet's files to
// fixtures/optim/torchlet_torch_format_schedulers.json, which
// generator/cases_optim_torch_format_schedulers_torchlet.py loads into PyTorch (it runs this itself);
// the third test replays what PyTorch continued from them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSafetensors, saveSafetensorsAsync } from '@torchlet/nn-layers';
import * as optim from '@torchlet/optim';
import type { Tensor } from '@torchlet/tensor-core';
import { FIXTURES_DIR, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import type { AnyScheduler, SchedulerSpec } from './extra-builders.js';
import { buildSpec, expectJson } from './torch-format-builders.js';
import { expectNumber, expectTensor, makeOptimizer, param, type AnyOptimizer } from './helpers.js';

interface FormatCase extends FixtureCase {
  optimizer: string;
  options: Record<string, unknown>;
  scheduler: SchedulerSpec;
  k: number;
  group_sizes: number[];
  params0: EncodedTensor[];
  params_k: EncodedTensor[];
  grads: EncodedTensor[][];
  saved: { optimizer: optim.TorchOptimizerJson; scheduler: optim.TorchSchedulerJson; safetensors_base64: string };
  final: EncodedTensor[];
  lrs: number[][];
}

interface ResumeCase extends FixtureCase {
  /** PyTorch's params and lrs after loading torchlet's files at step k and taking k more steps. */
  final: EncodedTensor[];
  lrs: number[][];
}

const fixture = loadFixture<FormatCase>('optim', 'torch_format_schedulers');
const writing = process.env.TORCHLET_WRITE_TORCH_FORMAT === '1';
const written: { id: string; optimizer: unknown; scheduler: unknown; safetensors_base64: string }[] = [];
const resumed = writing ? null : loadFixture<ResumeCase>('optim', 'torch_format_schedulers_from_torchlet');
const cases = fixture.cases.map((c) => [c.id, c] as const);

function setup(c: FormatCase, values: EncodedTensor[]): { params: Tensor[]; opt: AnyOptimizer; sched: AnyScheduler } {
  const params = values.map((v) => param(decode(v)));
  const lr = c.options.lr as number;
  const groups = c.group_sizes.length === 1 ? [{ params }] : [{ params: params.slice(0, 1) }, { params: params.slice(1), lr: lr / 2 }];
  const opt = makeOptimizer(c.optimizer, groups, c.options);
  return { params, opt, sched: buildSpec(c.scheduler, opt) };
}

function advance(c: FormatCase, params: Tensor[], opt: AnyOptimizer, sched: AnyScheduler, t: number): void {
  params.forEach((p, i) => {
    p.grad = decode(c.grads[t][i]);
  });
  opt.step();
  sched.step();
}

describe('every scheduler\'s state in the torch format (PyTorch fixtures)', () => {
  it.each(cases)('%s: resumes PyTorch\'s saved run', (_id, c) => {
    const { params, opt, sched } = setup(c, c.params_k);
    const { tensors } = parseSafetensors(new Uint8Array(Buffer.from(c.saved.safetensors_base64, 'base64')));
    optim.optimizerFromTorch(opt, { json: c.saved.optimizer, tensors });
    optim.schedulerFromTorch(sched, c.saved.scheduler);
    for (let t = c.k; t < 2 * c.k; t++) {
      advance(c, params, opt, sched, t);
      opt.paramGroups.forEach((g, i) => expectNumber(g.lr, c.lrs[t - c.k][i], c, `step ${t} group ${i} lr`));
    }
    params.forEach((p, i) => expectTensor(p.detach(), c.final[i], c, `param ${i} after ${2 * c.k} steps`));
  });

  it.each(cases)('%s: saves what PyTorch saves', async (_id, c) => {
    const { params, opt, sched } = setup(c, c.params0);
    for (let t = 0; t < c.k; t++) advance(c, params, opt, sched, t);
    const saved = optim.optimizerToTorch(opt);
    const json = JSON.parse(JSON.stringify(saved.json)) as unknown;
    const scheduler = JSON.parse(JSON.stringify(optim.schedulerToTorch(sched))) as unknown;
    expectJson(json, c.saved.optimizer, c, 'optimizer');
    expectJson(scheduler, c.saved.scheduler, c, 'scheduler');
    if (writing) {
      const bytes = await saveSafetensorsAsync(saved.tensors);
      written.push({ id: c.id, optimizer: json, scheduler, safetensors_base64: Buffer.from(bytes).toString('base64') });
    }
  });

  it.each(cases)('%s: PyTorch resumes torchlet\'s saved run', (_id, c) => {
    if (resumed === null) return; // writing the files for the generator
    const r = resumed.cases.find((x) => x.id === c.id);
    expect(r, 'a case in torch_format_schedulers_from_torchlet.json').toBeDefined();
    const { final, lrs } = r as ResumeCase;
    lrs.forEach((step, t) => step.forEach((lr, i) => expectNumber(lr, c.lrs[t][i], c, `PyTorch's step ${c.k + t} group ${i} lr`)));
    final.forEach((p, i) => expectTensor(decode(p), c.final[i], c, `PyTorch's param ${i} resumed from torchlet's files`));
  });

  afterAll(() => {
    if (writing) writeFileSync(join(FIXTURES_DIR, 'optim', 'torchlet_torch_format_schedulers.json'), `${JSON.stringify({ cases: written })}\n`);
  });
});
