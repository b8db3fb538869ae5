// The reference crossEntropyRows: class-index cross entropy over the rows of an [N, C] input, no
// weight, no smoothing, with the gradient in the same pass (see backend/kernels/loss.ts).
import type { StridedView } from '../../interface.js';
import type { CrossEntropyRowsResult } from '../../kernels/loss.js';
import { logSoftmaxAt } from './log-softmax.js';

/**
 * Per kept row r with target y: loss_r = -log p_y (summed in row order), and with `withGrad`
 * grad[r, k] = gradScale * (p_k - [k = y]), p_k = exp(log p_k); ignored rows: no loss, zero gradient.
 */
export function crossEntropyRows(
  x: StridedView,
  target: StridedView,
  ignoreIndex: number,
  withGrad: boolean,
  gradScale: number,
): CrossEntropyRowsResult {
  const [rows, cols] = x.shape;
  const [xs0, xs1] = x.strides;
  const xd = x.data;
  const td = target.data;
  const ts = target.strides[0] ?? 0;
  const grad = withGrad ? (x.dtype === 'float64' ? new Float64Array(rows * cols) : new Float32Array(rows * cols)) : null;
  const logp = new Float64Array(cols);
  let lossSum = 0;
  let kept = 0;
  for (let r = 0; r < rows; r++) {
    const y = td[target.offset + r * ts];
    if (y === ignoreIndex) continue;
    kept++;
    logSoftmaxAt(xd, x.offset + r * xs0, xs1, cols, logp);
    lossSum += -logp[y];
    if (grad !== null) {
      for (let k = 0, o = r * cols; k < cols; k++, o++) grad[o] = gradScale * (Math.exp(logp[k]) - (k === y ? 1 : 0));
    }
  }
  return { lossSum, kept, grad };
}
