// The per-position pieces of a class-index loss (nllLoss, softmaxFocalLoss): which class each
// position reads, whether it is kept (not ignoreIndex), its class weight w_y, and the 'mean' divisor
// sum_{i kept} w_{y_i}. On the CPU the targets are read and range-checked; on a device (a GPU), which
// cannot read them synchronously, the same pieces come from tensor ops, and a value out of range is
// reported by the device's gather at the next read back.
import type { Tensor } from '@torchlet/tensor-core';
import { constant, scalar } from '../common.js';
import { checkClassTargetDType, checkClassWeight, classTargets, classWeight, type ClassLayout } from './targets.js';

export interface ClassPicks {
  /** The target class of each position, ignored ones reading class 0: int64, the input's shape with C -> 1. */
  index: Tensor;
  /** Whether each position counts (its target is not ignoreIndex): bool, layout.outShape. */
  kept: Tensor;
  /** w_{y_i} per position (0 where ignored), in `dtype`, layout.outShape; null without a weight (all ones). */
  weight: Tensor | null;
  /** sum_{i kept} w_{y_i} (the kept count without a weight), a 0-d tensor in `dtype`. */
  denominator: Tensor;
}

export function pickClasses(
  op: string,
  target: Tensor,
  layout: ClassLayout,
  ignoreIndex: number,
  weight: Tensor | null,
  weightArgument: string,
  input: Tensor,
  checkWeightDType: boolean,
): ClassPicks {
  const dtype = input.dtype;
  const pickedShape = layout.classDim === 0 ? [1] : [layout.n, 1, ...input.shape.slice(2)];
  const weightInput = checkWeightDType ? input : undefined;
  if (input.device !== 'cpu') {
    checkClassTargetDType(op, target);
    checkClassWeight(op, weight, layout.c, weightArgument, weightInput);
    const kept = target.ne(ignoreIndex);
    const safe = target.where(kept, 0);
    const wy = weight === null ? null : weight.indexSelect(0, safe.reshape([-1])).reshape([...layout.outShape]).where(kept, 0);
    return { index: safe.reshape(pickedShape), kept, weight: wy, denominator: wy === null ? kept.sum().to(dtype) : wy.sum() };
  }
  const classes = classTargets(op, target, layout.c, ignoreIndex);
  const w = classWeight(op, weight, layout.c, weightArgument, weightInput);
  const safe = new Float64Array(classes.length);
  const keep = new Float64Array(classes.length);
  const coef = new Float64Array(classes.length);
  let denominator = 0;
  for (let i = 0; i < classes.length; i++) {
    const y = classes[i];
    if (y === ignoreIndex) continue;
    safe[i] = y;
    keep[i] = 1;
    coef[i] = w === null ? 1 : w[y];
    denominator += coef[i];
  }
  return {
    index: constant(safe, pickedShape, 'int64'),
    kept: constant(keep, layout.outShape, 'bool'),
    weight: w === null ? null : constant(coef, layout.outShape, dtype),
    denominator: scalar(denominator, dtype),
  };
}
