// One time step of each recurrent cell, PyTorch's formulas and gate order (aten/native/RNN.cpp).
// The input's gate pre-activations xg = x W_ih^T + b_ih come in precomputed (the layers compute
// them for every time step in one matrix product); a step only adds h W_hh^T + b_hh.
import type { Tensor } from '@torchlet/tensor-core';
import { ops } from '@torchlet/tensor-core/internal';

/** The recurrence: PyTorch's mode names. */
export type RNNMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** Gate blocks stacked in weight_ih / weight_hh: LSTM i, f, g, o; GRU r, z, n. */
export const GATE_COUNT: Record<RNNMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/** The recurrent weights a step uses (weight_hr only for an LSTM with a projection). */
export interface StepWeights {
  wHh: Tensor;
  bHh: Tensor | null;
  wHr: Tensor | null;
}

/** Rows x (2-D) times W^T plus b: one addmm with a bias (as PyTorch's linear), else one matmul. */
export function linearRows(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  return b ? ops().addmm(b, x, w.t()) : x.matmul(w.t());
}

/** h' = act(h W_hh^T + b_hh + xg), act tanh or relu. */
export function rnnStep(mode: RNNMode, xg: Tensor, h: Tensor, w: StepWeights): Tensor {
  const pre = linearRows(h, w.wHh, w.bHh).add(xg);
  return mode === 'RNN_RELU' ? pre.relu() : pre.tanh();
}

/** i, f, g, o = chunks of (h W_hh^T + b_hh + xg); c' = f c + i g; h' = o tanh(c'), then h' W_hr^T with a projection. */
export function lstmStep(xg: Tensor, h: Tensor, c: Tensor, w: StepWeights): [Tensor, Tensor] {
  const [i, f, g, o] = linearRows(h, w.wHh, w.bHh).add(xg).chunk(4, 1);
  const cy = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
  const hy = o.sigmoid().mul(cy.tanh());
  return [w.wHr ? hy.matmul(w.wHr.t()) : hy, cy];
}

/** r = s(x_r + h_r), z = s(x_z + h_z), n = tanh(x_n + r (h W_hn^T + b_hn)); h' = (h - n) z + n = (1 - z) n + z h. */
export function gruStep(xg: Tensor, h: Tensor, w: StepWeights): Tensor {
  const [xr, xz, xn] = xg.chunk(3, 1);
  const [hr, hz, hn] = linearRows(h, w.wHh, w.bHh).chunk(3, 1);
  const r = hr.add(xr).sigmoid();
  const z = hz.add(xz).sigmoid();
  const n = xn.add(hn.mul(r)).tanh();
  return h.sub(n).mul(z).add(n);
}
