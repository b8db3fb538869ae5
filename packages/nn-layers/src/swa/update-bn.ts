// updateBn (torch.optim.swa_utils.update_bn, PyTorch 1.13): recompute the BatchNorm running
// statistics of a model with one pass over data, as a cumulative average over the batches.
import { noGrad } from '@torchlet/autograd';
import { TorchletError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { BatchNorm1d, BatchNorm2d } from '../layers/normalization.js';
import { Module } from '../module/module.js';

/**
 * A batch: the input tensor, or a list whose first element is the input (PyTorch's (input, target)).
 *
 * @pytorch a batch of the loader torch.optim.swa_utils.update_bn reads (a tensor, or a list whose first item is the input)
 * @example
 * ```ts
 * const batches: UpdateBnBatch[] = [randn([8, 3]), [randn([8, 3]), tensor([0, 1, 0, 1, 0, 1, 0, 1])]];
 * updateBn(batches, new Sequential(new Linear(3, 4), new BatchNorm1d(4)));
 * ```
 */
export type UpdateBnBatch = Tensor | readonly [Tensor, ...unknown[]];

type BatchNorm = BatchNorm1d | BatchNorm2d;

/**
 * Reset every BatchNorm layer's running mean to 0, running variance to 1 and batch count to 0, run
 * `model.forward` on every batch of `loader` in training mode with momentum null (so the statistics
 * are the average over all batches), then restore each momentum and the model's train/eval mode.
 * A model without BatchNorm layers is left as it is.
 *
 * @pytorch torch.optim.swa_utils.update_bn
 * @example
 * ```ts
 * const model = new Sequential(new Linear(3, 4), new BatchNorm1d(4));
 * const loader = [randn([8, 3]), randn([8, 3])];
 * updateBn(loader, new AveragedModel(model)); // recomputes the running statistics
 * ```
 */
export function updateBn(loader: Iterable<UpdateBnBatch>, model: Module): void {
  if (!(model instanceof Module)) throw new ValueError(`updateBn(): argument 'model' expected a Module, got ${typeof model}`);
  if (loader === null || typeof (loader as Partial<Iterable<UpdateBnBatch>>)[Symbol.iterator] !== 'function') {
    throw new ValueError(`updateBn(): argument 'loader' expected an iterable of tensors or [input, ...] lists, got ${typeof loader}`);
  }
  const momenta = new Map<BatchNorm, number | null>();
  for (const m of model.modules()) {
    if (!(m instanceof BatchNorm1d || m instanceof BatchNorm2d)) continue;
    if (m.runningMean === null || m.runningVar === null || m.numBatchesTracked === null) {
      throw new TorchletError(`updateBn(): argument 'model' expected BatchNorm layers with running statistics, got one with trackRunningStats false`);
    }
    m.runningMean.zero_();
    m.runningVar.fill_(1);
    momenta.set(m, m.momentum);
  }
  if (momenta.size === 0) return;
  const wasTraining = model.training;
  model.train();
  for (const m of momenta.keys()) {
    m.momentum = null;
    (m.numBatchesTracked as Tensor).zero_();
  }
  const forward = model.forward as (input: Tensor) => unknown;
  noGrad(() => {
    for (const batch of loader) forward.call(model, Array.isArray(batch) ? (batch as readonly [Tensor])[0] : (batch as Tensor));
  });
  for (const [m, momentum] of momenta) m.momentum = momentum;
  model.train(wasTraining);
}
