// binaryCrossEntropy: PyTorch's F.binary_cross_entropy on probabilities, with its log clamp at -100
// and its backward (p - z) / max(p (1 - p), 1e-12), as one custom op.
import { ValueError, type Tensor } from '@torchlet/tensor-core';
import {
  checkBroadcast,
  checkFloating,
  checkReduction,
  checkSameDType,
  checkSameShape,
  constant,
  fail,
  readValues,
  reduce,
  withDefaults,
  type Reduction,
  refuseWeightGrad,
} from '../common.js';
import { nameGradFn, fusedOp } from '@torchlet/autograd/internal';
import { GRAD_EPSILON, bceInputGrad, bceInputGradOp } from './bce-grad.js';

/**
 * Options of `binaryCrossEntropy` and `BCELoss`: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.functional.binary_cross_entropy
 * @example
 * ```ts
 * const options: BCEOptions = { reduction: 'sum' };
 * const loss = binaryCrossEntropy(rand([4]), tensor([1, 0, 1, 1], { dtype: 'float32' }), options);
 * ```
 */
export interface BCEOptions {
  /** Rescaling weight broadcast against the loss. */
  weight?: Tensor | null;
  /** Default 'mean'. */
  reduction?: Reduction;
}

const OP = 'binaryCrossEntropy';

/** PyTorch's defaults (BCELoss takes them from here). */
export const BCE_DEFAULTS: Readonly<Required<BCEOptions>> = { weight: null, reduction: 'mean' };
/** PyTorch's floor for log p and log(1 - p): a prediction of exactly 0 or 1 costs at most 100. */
const LOG_FLOOR = -100;

/**
 * Binary cross entropy of probabilities p in [0, 1] with targets z, as
 * `torch.nn.functional.binary_cross_entropy`:
 *   loss = -w [ z max(log p, -100) + (1 - z) max(log(1 - p), -100) ]
 * Gradient (PyTorch's): d/dp = w (p - z) / max(p (1 - p), 1e-12); d/dz = w (max(log(1-p), -100) - max(log p, -100)).
 * Prefer binaryCrossEntropyWithLogits on logits: it is stable where this one clamps.
 *
 * @pytorch torch.nn.functional.binary_cross_entropy
 * @example
 * ```ts
 * const probs = randn([4]).sigmoid();
 * const loss = binaryCrossEntropy(probs, tensor([1, 0, 1, 1], { dtype: 'float32' }));
 * ```
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BCEOptions = {}): Tensor {
  const { weight, reduction } = withDefaults('binaryCrossEntropy', BCE_DEFAULTS, options);
  const r = checkReduction(OP, reduction);
  checkFloating(OP, 'input', input);
  checkFloating(OP, 'target', target);
  checkSameShape(OP, 'target', target, input);
  checkSameDType(OP, 'target', target, input); // PyTorch: "Found dtype Float but expected Double"
  refuseWeightGrad(OP, 'binary_cross_entropy', 'weight', weight);
  const x = input;
  const z = target;
  if (weight !== null) checkBroadcast(OP, 'weight', weight, x.shape, 'input of shape');
  const loss = x.device === 'cpu' ? bceOnCpu(x, z) : bceOnDevice(x, z);
  return nameGradFn(reduce(weight === null ? loss : loss.mul(weight), r), 'BinaryCrossEntropyBackward0');
}

/** (p - z) / max(p (1 - p), eps) and max(log(1 - p), -100) - max(log p, -100), times grad, with tensor ops */
function bceGradients(grad: Tensor, p: Tensor, t: Tensor, needs: readonly boolean[], differentiable = false): (Tensor | null)[] {
  return [
    // with createGraph: one node with PyTorch's double backward formulas
    needs[0] ? (differentiable ? bceInputGradOp(grad, p, t) : bceInputGrad(grad, p, t)) : null,
    needs[1] ? p.neg().log1p().clamp(LOG_FLOOR).sub(p.log().clamp(LOG_FLOOR)).mul(grad) : null,
  ];
}

/**
 * On a device (a GPU) the inputs cannot be read synchronously: the same formulas with tensor ops,
 * in the input's dtype, and the [0, 1] range of the probabilities goes unchecked.
 */
function bceOnDevice(x: Tensor, z: Tensor): Tensor {
  return fusedOp('BinaryCrossEntropy', [x, z], ([p, t]) => ({
    // (z - 1) max(log(1 - p), -100) - z max(log p, -100)
    output: t.sub(1).mul(p.neg().log1p().clamp(LOG_FLOOR)).sub(t.mul(p.log().clamp(LOG_FLOOR))),
    backward: (grad, needs) => bceGradients(grad, p, t, needs),
    differentiableBackward: (grad, [pd, td], needs) => bceGradients(grad, pd, td, needs, true),
  }));
}

function bceOnCpu(x: Tensor, z: Tensor): Tensor {
  const pv = readValues(x);
  for (let i = 0; i < pv.length; i++) {
    if (!(pv[i] >= 0 && pv[i] <= 1)) fail(OP, 'input', 'probabilities in [0, 1]', `${pv[i]} at flat position ${i}`, ValueError);
  }
  return fusedOp('BinaryCrossEntropy', [x, z], ([, t]) => {
    const zv = readValues(t);
    const logP = new Float64Array(pv.length);
    const log1mP = new Float64Array(pv.length);
    const out = new Float64Array(pv.length);
    for (let i = 0; i < pv.length; i++) {
      logP[i] = Math.max(Math.log(pv[i]), LOG_FLOOR);
      log1mP[i] = Math.max(Math.log1p(-pv[i]), LOG_FLOOR);
      out[i] = (zv[i] - 1) * log1mP[i] - zv[i] * logP[i];
    }
    return {
      output: constant(out, x.shape, x.dtype),
      backward: (grad, needs) => {
        const g = readValues(grad);
        const gp = new Float64Array(pv.length);
        const gz = new Float64Array(pv.length);
        for (let i = 0; i < pv.length; i++) {
          gp[i] = (g[i] * (pv[i] - zv[i])) / Math.max((1 - pv[i]) * pv[i], GRAD_EPSILON);
          gz[i] = g[i] * (log1mP[i] - logP[i]);
        }
        return [
          needs[0] ? constant(gp, x.shape, x.dtype) : null,
          needs[1] ? constant(gz, z.shape, z.dtype) : null,
        ];
      },
      differentiableBackward: (grad, [p, t], needs) => bceGradients(grad, p, t, needs, true),
    };
  });
}
