// Matrix product. Per batch: B is packed into a Float64Array panel (KC x NC), then i-k-j order with
// a 2-row x 4-k register block accumulates into a Float64Array copy of the output, rounded once when
// stored. float32 inputs therefore accumulate in doubles (more accurate than a float32 BLAS; results
// agree with PyTorch to float32 rounding, not bit for bit).
import type { DataArray } from '../../dtype.js';
import type { StridedView } from '../interface.js';
import { RowCursor } from './strided.js';

/** Panel sizes: a KC x NC double panel (256 KiB) stays in L2 while every row of A streams over it. */
const KC = 128;
const NC = 256;

export function matmul(a: StridedView, b: StridedView, out: StridedView): void {
  const nd = a.shape.length;
  const m = a.shape[nd - 2];
  const k = a.shape[nd - 1];
  const n = b.shape[nd - 1];
  const batchShape = out.shape.slice(0, nd - 2);
  const c = new RowCursor(batchShape, [
    { strides: a.strides.slice(0, nd - 2), offset: a.offset },
    { strides: b.strides.slice(0, nd - 2), offset: b.offset },
    { strides: out.strides.slice(0, nd - 2), offset: out.offset },
  ]);
  const direct = out.data instanceof Float64Array;
  const acc = direct ? (out.data as Float64Array) : new Float64Array(m * n);
  const panel = new Float64Array(Math.min(KC, k) * Math.min(NC, n));
  const as0 = a.strides[nd - 2];
  const as1 = a.strides[nd - 1];
  const bs0 = b.strides[nd - 2];
  const bs1 = b.strides[nd - 1];
  for (let r = 0; r < c.rows; r++, c.next()) {
    for (let j = 0; j < c.n; j++) {
      const ao = c.offsets[0] + j * c.inner[0];
      const bo = c.offsets[1] + j * c.inner[1];
      const oo = c.offsets[2] + j * c.inner[2];
      const co = direct ? oo : 0;
      acc.fill(0, co, co + m * n);
      if (n === 1) matvec(a.data, ao, as0, as1, b.data, bo, bs0, acc, co, m, k);
      else gemm(a.data, ao, as0, as1, b.data, bo, bs0, bs1, acc, co, m, k, n, panel);
      if (!direct) {
        const od = out.data;
        for (let i = 0; i < m * n; i++) od[oo + i] = acc[i];
      }
    }
  }
}

/** C[i] = sum_p A[i, p] * B[p] (a column of B): one dot product per row. */
function matvec(
  A: DataArray, ao: number, as0: number, as1: number,
  B: DataArray, bo: number, bs0: number,
  C: Float64Array, co: number, m: number, k: number,
): void {
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let p = 0, ap = ao + i * as0, bp = bo; p < k; p++, ap += as1, bp += bs0) s += A[ap] * B[bp];
    C[co + i] = s;
  }
}

function gemm(
  A: DataArray, ao: number, as0: number, as1: number,
  B: DataArray, bo: number, bs0: number, bs1: number,
  C: Float64Array, co: number, m: number, k: number, n: number,
  panel: Float64Array,
): void {
  if (m <= 2 && bs1 === 1) {
    // a row or two (vector x matrix): packing B would cost as much as the product; read B rows in place
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) rowAxpy(C, co + i * n, B, bo + p * bs0, n, A[ao + i * as0 + p * as1]);
    }
    return;
  }
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    for (let jc = 0; jc < n; jc += NC) {
      const nc = Math.min(NC, n - jc);
      // pack B[pc : pc + kc, jc : jc + nc] row-major
      for (let p = 0, q = 0; p < kc; p++) {
        let bp = bo + (pc + p) * bs0 + jc * bs1;
        for (let j = 0; j < nc; j++, bp += bs1) panel[q++] = B[bp];
      }
      let i = 0;
      // two rows of C per pass: each panel value loaded once feeds two rows
      for (; i + 1 < m; i += 2) {
        const c0 = co + i * n + jc;
        const a0 = ao + i * as0 + pc * as1;
        let p = 0;
        for (; p + 3 < kc; p += 4) {
          const ap = a0 + p * as1;
          rank4x2(
            C, c0, c0 + n, panel, p * nc, nc,
            A[ap], A[ap + as1], A[ap + 2 * as1], A[ap + 3 * as1],
            A[ap + as0], A[ap + as0 + as1], A[ap + as0 + 2 * as1], A[ap + as0 + 3 * as1],
          );
        }
        for (; p < kc; p++) {
          const ap = a0 + p * as1;
          rank1(C, c0, panel, p * nc, nc, A[ap]);
          rank1(C, c0 + n, panel, p * nc, nc, A[ap + as0]);
        }
      }
      for (; i < m; i++) {
        const c0 = co + i * n + jc;
        const a0 = ao + i * as0 + pc * as1;
        let p = 0;
        for (; p + 3 < kc; p += 4) {
          const ap = a0 + p * as1;
          rank4(C, c0, panel, p * nc, nc, A[ap], A[ap + as1], A[ap + 2 * as1], A[ap + 3 * as1]);
        }
        for (; p < kc; p++) rank1(C, c0, panel, p * nc, nc, A[a0 + p * as1]);
      }
    }
  }
}

/** C[c0 + j] += a . panel rows p..p+3 (column j), and the same for row c1 with b: a 2 x 4 register block. */
function rank4x2(
  C: Float64Array, c0: number, c1: number, P: Float64Array, p0: number, nc: number,
  a0: number, a1: number, a2: number, a3: number,
  b0: number, b1: number, b2: number, b3: number,
): void {
  const p1 = p0 + nc;
  const p2 = p1 + nc;
  const p3 = p2 + nc;
  for (let j = 0; j < nc; j++) {
    const x0 = P[p0 + j];
    const x1 = P[p1 + j];
    const x2 = P[p2 + j];
    const x3 = P[p3 + j];
    C[c0 + j] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
    C[c1 + j] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
  }
}

/** C[c0 + j] += a0 P[p0 + j] + ... + a3 P[p0 + 3 nc + j]: four rank-1 updates per pass over the row. */
function rank4(C: Float64Array, c0: number, P: Float64Array, p0: number, nc: number, a0: number, a1: number, a2: number, a3: number): void {
  const p1 = p0 + nc;
  const p2 = p1 + nc;
  const p3 = p2 + nc;
  for (let j = 0; j < nc; j++) C[c0 + j] += a0 * P[p0 + j] + a1 * P[p1 + j] + a2 * P[p2 + j] + a3 * P[p3 + j];
}

function rank1(C: Float64Array, c0: number, P: Float64Array, p0: number, nc: number, a: number): void {
  for (let j = 0; j < nc; j++) C[c0 + j] += a * P[p0 + j];
}

/** C[c0 + j] += a * B[b0 + j] over a row of B of any storage type. */
function rowAxpy(C: Float64Array, c0: number, B: DataArray, b0: number, n: number, a: number): void {
  for (let j = 0; j < n; j++) C[c0 + j] += a * B[b0 + j];
}
