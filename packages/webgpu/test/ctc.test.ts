// CTC on webgpu (Backend.ctcLossForward / ctcLossBackward in WGSL) against the CPU reference
// kernels: random cases with repeated labels, blank not 0, zeroInfinity with an impossible
// alignment, padded and concatenated targets, unbatched input, strided log-probabilities, targets
// longer than a workgroup; then the lengths rule on a device and a label out of range.
import { expect, it } from 'vitest';
import { manualSeed, randint, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { ctcLossBackward, ctcLossForward } from '@torchlet/tensor-core/internal';
import { ctcLoss, type CTCLossOptions } from '@torchlet/losses';
import { describeGpu, expectClose } from './helpers/gpu.js';

// float32 log-sum-exps on the GPU against the reference's doubles rounded once: the nll agrees to
// 1e-5 relative; a gradient element is a difference of two probabilities, so near 0 it keeps an
// absolute error of a few float32 ulps of 1 (atol 1e-6)
const RTOL = 1e-5;
const ATOL = 1e-6;

interface Case {
  name: string;
  T: number;
  N: number;
  C: number;
  lengths: number[];
  inputLengths: number[];
  options: CTCLossOptions;
  /** labels drawn from [0, labels) (few labels: many repeats) */
  labels?: number;
}

const CASES: Case[] = [
  { name: 'basic', T: 8, N: 3, C: 5, lengths: [3, 2, 4], inputLengths: [8, 6, 7], options: {} },
  { name: 'repeated labels', T: 10, N: 2, C: 4, lengths: [5, 4], inputLengths: [10, 9], options: { reduction: 'sum' }, labels: 2 },
  { name: 'blank not 0', T: 7, N: 3, C: 6, lengths: [2, 3, 0], inputLengths: [7, 7, 4], options: { blank: 5, reduction: 'none' } },
  { name: 'impossible, zeroInfinity', T: 4, N: 3, C: 4, lengths: [4, 1, 3], inputLengths: [3, 4, 4], options: { zeroInfinity: true, reduction: 'none' }, labels: 2 },
  { name: 'impossible', T: 4, N: 2, C: 4, lengths: [4, 1], inputLengths: [3, 4], options: { reduction: 'none' } },
  { name: 'longer than a workgroup', T: 90, N: 2, C: 6, lengths: [40, 33], inputLengths: [90, 80], options: { blank: 2 } },
];

/** Labels in [0, C) other than blank (or in a few values, for repeats). */
function drawTargets(c: Case): number[][] {
  const blank = c.options.blank ?? 0;
  const pool = Array.from({ length: c.C }, (_, k) => k).filter((k) => k !== blank).slice(0, c.labels ?? c.C);
  return c.lengths.map((l) => Array.from(randint(0, pool.length, [l]).toTypedArray(), (k) => pool[k]));
}

function layouts(rows: number[][]): { padded: Tensor; concatenated: Tensor } {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return {
    padded: tensor(rows.map((r) => [...r, ...new Array<number>(width - r.length).fill(1)]), { dtype: 'int64' }),
    concatenated: tensor(rows.flat(), { dtype: 'int64' }),
  };
}

/** ctcLoss and the gradient of logProbs, on the CPU and on webgpu, compared. */
async function compare(lp: Tensor, targets: Tensor, inputLengths: number[] | Tensor, lengths: number[] | Tensor, options: CTCLossOptions, strided = false): Promise<void> {
  const run = (onGpu: boolean) => {
    let x = lp.detach();
    if (onGpu) x = strided ? x.transpose(0, x.ndim - 1).contiguous().to('webgpu').transpose(0, x.ndim - 1) : x.to('webgpu');
    x.requiresGrad_(true);
    const loss = ctcLoss(x, onGpu ? targets.to('webgpu') : targets, inputLengths, lengths, options);
    loss.sum().backward();
    return { loss, grad: x.grad as Tensor };
  };
  const cpu = run(false);
  const gpu = run(true);
  await expectClose(gpu.loss, cpu.loss, RTOL);
  await expectClose(gpu.grad, cpu.grad, RTOL, ATOL);
}

describeGpu('ctcLoss on webgpu against the CPU kernels', () => {
  CASES.forEach((c, k) => {
    it(`${c.name}: padded and concatenated targets`, async () => {
      manualSeed(40 + k);
      const lp = randn([c.T, c.N, c.C]).mul(2).logSoftmax(2);
      const { padded, concatenated } = layouts(drawTargets(c));
      await compare(lp, padded, c.inputLengths, c.lengths, c.options);
      await compare(lp, concatenated, c.inputLengths, c.lengths, c.options, true);
    });
  });

  it('unbatched input, lengths as CPU tensors', async () => {
    manualSeed(60);
    const lp = randn([9, 5]).logSoftmax(1);
    const { padded, concatenated } = layouts([[1, 3, 3, 2]]);
    const inLens = tensor([9], { dtype: 'int64' });
    const tgLens = tensor([4], { dtype: 'int64' });
    for (const reduction of ['none', 'mean', 'sum'] as const) {
      await compare(lp, padded.squeeze(0), inLens, tgLens, { reduction });
      await compare(lp, concatenated, [9], [4], { reduction, blank: 4 });
    }
  });

  it('the kernels through their ops: nll and gradient, upstream not 1', async () => {
    manualSeed(61);
    const lp = randn([6, 2, 4]).logSoftmax(2);
    const targets = tensor([[1, 1, 2], [3, 0, 0]], { dtype: 'int64' });
    const g = randn([2]);
    const cpu = ctcLossForward(lp, targets, [6, 5], [3, 1], 0);
    const gpu = ctcLossForward(lp.to('webgpu'), targets.to('webgpu'), [6, 5], [3, 1], 0);
    await expectClose(gpu.nll, cpu.nll, RTOL);
    await expectClose(ctcLossBackward(gpu, g.to('webgpu'), false), ctcLossBackward(cpu, g, false), RTOL, ATOL);
    // the same twice gives the same bits
    const again = ctcLossForward(lp.to('webgpu'), targets.to('webgpu'), [6, 5], [3, 1], 0);
    expect(Array.from(await again.nll.toTypedArrayAsync())).toEqual(Array.from(await gpu.nll.toTypedArrayAsync()));
  });

  it('lengths on the device are refused; a label out of range is reported at the next read', async () => {
    const lp = randn([5, 1, 3]).logSoftmax(2).to('webgpu');
    const targets = tensor([[1, 2]], { dtype: 'int64' }).to('webgpu');
    const onDevice = tensor([5], { dtype: 'int64' }).to('webgpu');
    expect(() => ctcLoss(lp, targets, onDevice, tensor([2], { dtype: 'int64' }))).toThrow(/argument 'inputLengths' expected an array of integers or a CPU tensor .*, got a tensor on 'webgpu'/);
    const bad = ctcLoss(lp, tensor([[1, 7]], { dtype: 'int64' }).to('webgpu'), [5], [2], { reduction: 'sum' });
    await expect(bad.itemAsync()).rejects.toThrow(/ctcLoss\(\): argument 'targets' expected labels in \[0, 2\], got 7 at position 1 of sample 0/);
  });
});
