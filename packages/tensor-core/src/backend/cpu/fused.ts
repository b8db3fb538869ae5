// Fused kernels of the reference backend: what faster backends do in one pass, done here with the
// general loops (the same bits as the unfused ops).
import type { StridedView } from '../interface.js';
import { binary } from './elementwise.js';
import { matmul } from './matmul.js';
import { RowCursor } from './strided.js';

/** out = x <= threshold ? 0 : grad (NaN in x passes grad), grad, x and out of one shape. */
export function thresholdBackward(grad: StridedView, x: StridedView, threshold: number, out: StridedView): void {
  const c = new RowCursor(out.shape, [grad, x, out]);
  const gd = grad.data;
  const xd = x.data;
  const od = out.data;
  for (let r = 0; r < c.rows; r++, c.next()) {
    let gi = c.offsets[0];
    let xi = c.offsets[1];
    let oi = c.offsets[2];
    const gs = c.inner[0];
    const xs = c.inner[1];
    const os = c.inner[2];
    for (let i = 0; i < c.n; i++, gi += gs, xi += xs, oi += os) od[oi] = xd[xi] <= threshold ? 0 : gd[gi];
  }
}

/** out = a @ b + row: the product rounded into out, then the bias row added. */
export function matmulAddRow(a: StridedView, b: StridedView, row: StridedView, out: StridedView): void {
  matmul(a, b, out);
  binary('add', out, row, out);
}
