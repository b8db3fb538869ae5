// One layer, one direction of a recurrent network over a batch laid out as PyTorch packs it: rows
// of the 2-D input, step after step, batchSizes[t] rows at step t (a padded batch is the case where
// every step has B rows). The input projection x W_ih^T + b_ih of every step is one matrix product;
// each step then adds h W_hh^T + b_hh. As PyTorch's PackedLayer / ReversedPackedLayer: forward, a
// sequence that ends leaves its final state behind; backward, a sequence joins with its initial state.
import { cat, type Tensor } from '@torchlet/tensor-core';
import { gruStep, linearRows, lstmStep, rnnStep, type RNNMode, type StepWeights } from './steps.js';

export interface DirectionWeights extends StepWeights {
  wIh: Tensor;
  bIh: Tensor | null;
}

export interface DirectionResult {
  /** [sum(batchSizes), H_out]: each step's hidden state, in the input's row order. */
  output: Tensor;
  /** final hidden state [B, H_out] and (LSTM) cell state [B, H] */
  h: Tensor;
  c: Tensor | null;
}

type State = [Tensor, Tensor | null];

function step(mode: RNNMode, xg: Tensor, [h, c]: State, w: StepWeights): State {
  if (mode === 'LSTM') return lstmStep(xg, h, c as Tensor, w);
  return [mode === 'GRU' ? gruStep(xg, h, w) : rnnStep(mode, xg, h, w), null];
}

const rows = (t: Tensor | null, start: number, length: number): Tensor | null => (t ? t.narrow(0, start, length) : null);

/**
 * The row blocks of `x` (`sizes` rows each) as views, cut in halves recursively. Backward embeds each
 * block's gradient into its parent's rows only, so gathering the gradient of all T steps costs
 * O(rows * log T) instead of O(rows * T) for T slices of the whole (same values: the embedding is exact).
 */
export function splitRows(x: Tensor, sizes: readonly number[]): Tensor[] {
  if (sizes.length <= 1) return sizes.length === 1 ? [x] : [];
  const half = sizes.length >> 1;
  let top = 0;
  for (let i = 0; i < half; i++) top += sizes[i];
  return [...splitRows(x.narrow(0, 0, top), sizes.slice(0, half)), ...splitRows(x.narrow(0, top, x.shape[0] - top), sizes.slice(half))];
}

function catRows(parts: (Tensor | null)[]): Tensor | null {
  const present = parts.filter((p): p is Tensor => p !== null);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0] : cat(present, 0);
}

/** Run one direction; h0 [B, H_out] and c0 [B, H] (LSTM) are in the batch's sorted order. */
export function runDirection(
  mode: RNNMode,
  input: Tensor,
  batchSizes: readonly number[],
  h0: Tensor,
  c0: Tensor | null,
  w: DirectionWeights,
  reverse: boolean,
): DirectionResult {
  const xg = splitRows(linearRows(input, w.wIh, w.bIh), batchSizes);
  const steps = batchSizes.length;
  const outputs = new Array<Tensor>(steps);
  if (!reverse) {
    let state: State = [h0, c0];
    const ended: State[] = [];
    for (let t = 0; t < steps; t++) {
      const b = batchSizes[t];
      const running = state[0].shape[0];
      if (b < running) {
        ended.push([state[0].narrow(0, b, running - b), rows(state[1], b, running - b)]);
        state = [state[0].narrow(0, 0, b), rows(state[1], 0, b)];
      }
      state = step(mode, xg[t], state, w);
      outputs[t] = state[0];
    }
    // rows in batch order: the longest sequences' states, then those that ended, latest first
    ended.reverse();
    const h = catRows([state[0], ...ended.map((e) => e[0])]) as Tensor;
    const c = catRows([state[1], ...ended.map((e) => e[1])]);
    return { output: catRows(outputs) as Tensor, h, c };
  }
  const last = steps > 0 ? batchSizes[steps - 1] : h0.shape[0];
  let state: State = [rows(h0, 0, last) as Tensor, rows(c0, 0, last)];
  for (let t = steps - 1; t >= 0; t--) {
    const b = batchSizes[t];
    const running = state[0].shape[0];
    if (b > running) {
      // sequences that start (from the end) at this step join with their initial states
      state = [catRows([state[0], rows(h0, running, b - running)]) as Tensor, catRows([state[1], rows(c0, running, b - running)])];
    }
    state = step(mode, xg[t], state, w);
    outputs[t] = state[0];
  }
  return { output: catRows(outputs) as Tensor, h: state[0], c: state[1] };
}
