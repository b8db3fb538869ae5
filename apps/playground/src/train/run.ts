// One training run, as the tutorial's loop: zero the gradients, forward, loss, backward, step.
// A small MLP (features -> hidden -> ReLU -> classes), the same initial weights for every loss
// (seeded), the batches in the trainer's seeded order. Values are read back once per epoch (the
// loss and the hits are summed on the device), so a GPU is not stalled at every step.
import { epochOrder, sampleSize, type Dataset } from '@torchlet/trainer/data';
import { nn, optim, torch, type Tensor } from 'torchlet';
import type { DataSummary, EpochReport, Job } from '../protocol.js';
import { loadSplit } from './data.js';
import { LOSS_FNS, type Targets } from './loss-fns.js';
import { score } from './metrics.js';

export interface RunEvents {
  data(summary: DataSummary): void;
  epoch(report: EpochReport): void;
}

export interface RunResult {
  readonly confusion: number[][];
  readonly seconds: number;
}

type DeviceName = 'cpu' | 'webgpu';

/** Inputs `[n, features]` and targets of the samples at `indices`, on `device`. */
function batch(ds: Dataset, indices: readonly number[], numClasses: number, device: DeviceName): { x: Tensor; t: Targets } {
  const size = sampleSize(ds);
  const features = new Float32Array(indices.length * size);
  const labels: number[] = [];
  const oneHot = new Float32Array(indices.length * numClasses);
  indices.forEach((src, i) => {
    features.set(ds.features.subarray(src * size, (src + 1) * size), i * size);
    labels.push(ds.labels[src]);
    oneHot[i * numClasses + ds.labels[src]] = 1;
  });
  return {
    x: torch.tensor(features, { shape: [indices.length, size] }).to(device),
    t: {
      y: torch.tensor(labels, { dtype: 'int64' }).to(device),
      oneHot: torch.tensor(oneHot, { shape: [indices.length, numClasses] }).to(device),
    },
  };
}

function makeOptimizer(job: Job, params: Tensor[]): optim.Adam | optim.SGD {
  return job.optimizer === 'adam' ? new optim.Adam(params, { lr: job.lr }) : new optim.SGD(params, { lr: job.lr, momentum: 0.9 });
}

export async function runJob(job: Job, device: DeviceName, on: RunEvents): Promise<RunResult> {
  const t0 = performance.now();
  const split = await loadSplit(job);
  const { train, test } = split;
  const classNames = train.classNames;
  const numClasses = classNames.length;
  on.data({ classNames, trainCounts: split.trainCounts, testCounts: split.testCounts });

  torch.manualSeed(job.seed);
  const model = new nn.Sequential(new nn.Linear(sampleSize(train), job.hidden), new nn.ReLU(), new nn.Linear(job.hidden, numClasses)).to(device);
  const optimizer = makeOptimizer(job, [...model.parameters()]);
  const lossFn = LOSS_FNS[job.loss];
  const testX = torch.tensor(test.features, { shape: [test.labels.length, sampleSize(test)] }).to(device);
  const nTrain = train.labels.length;
  let confusion: number[][] = [];

  for (let epoch = 0; epoch < job.epochs; epoch++) {
    const order = epochOrder(nTrain, job.seed, epoch);
    let lossSum = torch.zeros([], { device });
    let hits = torch.zeros([], { dtype: 'int64', device });
    for (let start = 0; start < nTrain; start += job.batchSize) {
      const idx = order.slice(start, start + job.batchSize);
      // each step in a scope: what it made is freed when it ends, except the two sums it returns
      const [stepLoss, stepHits] = torch.scope(() => {
        const { x, t } = batch(train, idx, numClasses, device);
        optimizer.zeroGrad();
        const logits = model.forward(x);
        const loss = lossFn(logits, t);
        loss.backward();
        optimizer.step();
        return [lossSum.add(loss.detach().mul(idx.length)), hits.add(logits.detach().argmax(1).eq(t.y).sum())];
      });
      // the previous sums' GPU buffers go back now, not when the garbage collector runs
      torch.dispose([lossSum, hits]);
      lossSum = stepLoss;
      hits = stepHits;
    }
    const logits = torch.noGrad(() => model.forward(testX));
    const scored = score(await logits.toTypedArrayAsync(), test.labels, classNames, split.trainCounts);
    logits.dispose();
    confusion = scored.confusion;
    on.epoch({
      epoch: epoch + 1,
      trainLoss: (await lossSum.itemAsync()) / nTrain,
      trainAccuracy: (await hits.itemAsync()) / nTrain,
      ...scored.metrics,
    });
    torch.dispose([lossSum, hits]);
  }
  return { confusion, seconds: (performance.now() - t0) / 1000 };
}
