// im2col / col2im: convolution as a matrix product (the op layer multiplies the columns with the
// backend's matmul). Moved from @torchlet/nn-layers' conv kernel, same loops and arithmetic.
import type { Im2colGeometry } from '../../kernels/nn.js';
import type { StridedView } from '../../interface.js';
import { accumulateInto } from './accumulate.js';

/**
 * The output columns [lo, hi) whose input column o*stride - pad + offset lies inside [0, size):
 * only those read (or, for col2im, write) x; the others are zero padding.
 */
function validRange(outSize: number, size: number, stride: number, pad: number, offset: number): [number, number] {
  const lo = Math.max(0, Math.ceil((pad - offset) / stride));
  const hi = Math.min(outSize, Math.max(lo, Math.ceil((size + pad - offset) / stride)));
  return [lo, hi];
}

/** out[n, (c*kH + i)*kW + j, oh*outW + ow] = x[n, c, oh*sH - pT + i*dH, ow*sW - pL + j*dW], 0 in the padding. */
export function im2col(x: StridedView, g: Im2colGeometry, out: StridedView): void {
  const [batch, channels, inH, inW] = x.shape;
  const [sN, sC, sH, sW] = x.strides;
  const { kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW } = g;
  const spatial = outH * outW;
  const rows = channels * kH * kW;
  const xd = x.data;
  const od = out.data;
  // the padding positions stay 0; only the positions inside x are written below
  od.fill(0, out.offset, out.offset + batch * rows * spatial);
  const step = strideW * sW;
  for (let n = 0; n < batch; n++) {
    const colsBase = out.offset + n * rows * spatial;
    let row = 0;
    for (let c = 0; c < channels; c++) {
      const plane = x.offset + n * sN + c * sC;
      for (let i = 0; i < kH; i++) {
        const [ohLo, ohHi] = validRange(outH, inH, strideH, padTop, i * dilationH);
        for (let j = 0; j < kW; j++, row++) {
          const shift = j * dilationW - padLeft;
          const [owLo, owHi] = validRange(outW, inW, strideW, padLeft, j * dilationW);
          const base = colsBase + row * spatial;
          for (let oh = ohLo; oh < ohHi; oh++) {
            let src = plane + (oh * strideH - padTop + i * dilationH) * sH + (owLo * strideW + shift) * sW;
            const end = base + oh * outW + owHi;
            for (let dst = base + oh * outW + owLo; dst < end; dst++, src += step) od[dst] = xd[src];
          }
        }
      }
    }
  }
}

/** out[n, c, ih, iw] = sum of cols[...] over the window positions that read it (the adjoint of im2col), in doubles. */
export function col2im(cols: StridedView, g: Im2colGeometry, out: StridedView): void {
  const [batch, channels, inH, inW] = out.shape;
  const { kH, kW, strideH, strideW, padTop, padLeft, dilationH, dilationW, outH, outW } = g;
  const spatial = outH * outW;
  const rows = channels * kH * kW;
  const cd = cols.data;
  accumulateInto(out, (acc, accBase) => {
    for (let n = 0; n < batch; n++) {
      const colsBase = cols.offset + n * rows * spatial;
      let row = 0;
      for (let c = 0; c < channels; c++) {
        const plane = accBase + (n * channels + c) * inH * inW;
        for (let i = 0; i < kH; i++) {
          const [ohLo, ohHi] = validRange(outH, inH, strideH, padTop, i * dilationH);
          for (let j = 0; j < kW; j++, row++) {
            const shift = j * dilationW - padLeft;
            const [owLo, owHi] = validRange(outW, inW, strideW, padLeft, j * dilationW);
            const base = colsBase + row * spatial;
            for (let oh = ohLo; oh < ohHi; oh++) {
              let dst = plane + (oh * strideH - padTop + i * dilationH) * inW + owLo * strideW + shift;
              const end = base + oh * outW + owHi;
              for (let src = base + oh * outW + owLo; src < end; src++, dst += strideW) acc[dst] += cd[src];
            }
          }
        }
      }
    }
  });
}
