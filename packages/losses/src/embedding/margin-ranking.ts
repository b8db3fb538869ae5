// marginRankingLoss: PyTorch's F.margin_ranking_loss.
import type { Tensor } from '@torchlet/autograd';
import { asTensor, checkBroadcast, checkFloating, checkReduction, reduce, type Reduction, type TensorLike } from '../common.js';

export interface MarginRankingLossOptions {
  /** Default 0. */
  margin?: number;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'marginRankingLoss';

/** loss = max(0, -y (x1 - x2) + margin) for y in {1, -1}, as `torch.nn.functional.margin_ranking_loss`. */
export function marginRankingLoss(input1: TensorLike, input2: TensorLike, target: TensorLike, options: MarginRankingLossOptions = {}): Tensor {
  const { margin = 0, reduction = 'mean' } = options;
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input1', input1);
  checkFloating(OP, 'input2', input2);
  const x1 = asTensor(input1);
  checkBroadcast(OP, 'input2', input2, x1.shape, 'input1 of shape');
  checkBroadcast(OP, 'target', target, x1.shape, 'input1 of shape');
  const y = asTensor(target);
  return reduce(y.neg().mul(x1.sub(asTensor(input2))).add(margin).clamp(0), r);
}
