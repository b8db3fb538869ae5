// RNN, LSTM, GRU (torch.nn.RNN / LSTM / GRU): stacked, optionally bidirectional recurrent layers over
// [T, B, in] (or [B, T, in] with batchFirst, [T, in] unbatched, or a PackedSequence). Parameters as
// PyTorch names them, per layer l and direction (suffix `_reverse`): weight_ih_l{l}, weight_hh_l{l},
// bias_ih_l{l}, bias_hh_l{l}, and weight_hr_l{l} for an LSTM with projSize; all U(-1/sqrt(H), 1/sqrt(H)).
import { ShapeError, ValueError, cat, stack, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { dropout } from '../functional/dropout.js';
import { checkOptions } from '../functional/util.js';
import { checkSize } from '../layers/linear.js';
import { pyFloat } from '../layers/repr.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkInputDType, checkState, resetRecurrent } from './checks.js';
import { PackedSequence } from './packed-sequence.js';
import { runDirection, type DirectionWeights } from './recurrence.js';
import { GATE_COUNT, type RNNMode } from './steps.js';

/**
 * What every recurrent layer (`RNN`, `LSTM`, `GRU`) takes besides its sizes: layers, bias, batch-first layout, dropout between layers, bidirectionality and the dtype.
 *
 * @pytorch the keyword arguments torch.nn.RNN, torch.nn.LSTM and torch.nn.GRU share
 * @example
 * ```ts
 * const options: RNNBaseOptions = { numLayers: 2, dropout: 0.1, batchFirst: true };
 * const gru = new GRU(3, 5, options);
 * ```
 */
export interface RNNBaseOptions {
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** Learn the biases (default true). */
  bias?: boolean;
  /** Input and output are [B, T, *] (default false: [T, B, *]); the states stay [layers * directions, B, H]. */
  batchFirst?: boolean;
  /** Dropout probability on each layer's output but the last, in training (default 0). */
  dropout?: number;
  /** Also run each layer backwards in time and concatenate both outputs (default false). */
  bidirectional?: boolean;
  /** dtype of the parameters (default float32). */
  dtype?: DType;
}

/**
 * What the `RNN` constructor takes besides its sizes: `RNNBaseOptions` plus the nonlinearity.
 *
 * @pytorch the keyword arguments of torch.nn.RNN
 * @example
 * ```ts
 * const options: RNNOptions = { nonlinearity: 'relu', numLayers: 2 };
 * const rnn = new RNN(3, 5, options);
 * ```
 */
export interface RNNOptions extends RNNBaseOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * What the `LSTM` constructor takes besides its sizes: `RNNBaseOptions` plus the projection size.
 *
 * @pytorch the keyword arguments of torch.nn.LSTM
 * @example
 * ```ts
 * const options: LSTMOptions = { projSize: 2, batchFirst: true };
 * const lstm = new LSTM(3, 5, options);
 * ```
 */
export interface LSTMOptions extends RNNBaseOptions {
  /** Project each hidden state to this size with weight_hr (0, the default: no projection). */
  projSize?: number;
}

/**
 * What the `GRU` constructor takes besides its sizes (`RNNBaseOptions`).
 *
 * @pytorch the keyword arguments of torch.nn.GRU
 * @example
 * ```ts
 * const options: GRUOptions = { bidirectional: true };
 * const gru = new GRU(3, 5, options);
 * ```
 */
export type GRUOptions = RNNBaseOptions;

const BASE_KEYS = ['numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'dtype'] as const;

/** A padded or packed input as rows step after step, and what it takes to shape the output back. */
interface Rows {
  data: Tensor;
  batchSizes: number[];
  batch: number;
  packed: PackedSequence | null;
  steps: number;
  batched: boolean;
}

abstract class RNNBase extends Module {
  readonly mode: RNNMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  readonly projSize: number;

  constructor(name: string, mode: RNNMode, inputSize: number, hiddenSize: number, options: RNNBaseOptions & { projSize?: number }) {
    super();
    checkSize(name, 'input_size', inputSize, 0);
    checkSize(name, 'hidden_size', hiddenSize, 1);
    const numLayers = options.numLayers ?? 1;
    checkSize(name, 'num_layers', numLayers, 1);
    const p = options.dropout ?? 0;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new ValueError(`${name}(): dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${String(p)}`);
    }
    const projSize = options.projSize ?? 0;
    if (!Number.isInteger(projSize) || projSize < 0) {
      throw new ValueError(`${name}(): proj_size should be a positive integer or zero to disable projections, got ${String(projSize)}`);
    }
    if (projSize >= hiddenSize) throw new ValueError(`${name}(): proj_size has to be smaller than hidden_size (got proj_size=${projSize}, hidden_size=${hiddenSize})`);
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = p;
    this.bidirectional = options.bidirectional ?? false;
    this.projSize = projSize;
    const dtype = options.dtype ?? 'float32';
    const gates = GATE_COUNT[mode] * hiddenSize;
    const out = this.outputSize;
    const param = (shape: number[]) => new Parameter(zeros(shape, { dtype }));
    for (let layer = 0; layer < numLayers; layer++) {
      for (const suffix of this.suffixes(layer)) {
        this.registerParameter(`weight_ih${suffix}`, param([gates, layer === 0 ? inputSize : out * this.numDirections]));
        this.registerParameter(`weight_hh${suffix}`, param([gates, out]));
        if (this.bias) {
          this.registerParameter(`bias_ih${suffix}`, param([gates]));
          this.registerParameter(`bias_hh${suffix}`, param([gates]));
        }
        if (projSize > 0) this.registerParameter(`weight_hr${suffix}`, param([projSize, hiddenSize]));
      }
    }
    this.resetParameters();
  }

  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /** The size of each output step and hidden state per direction: projSize if set, else hiddenSize. */
  get outputSize(): number {
    return this.projSize > 0 ? this.projSize : this.hiddenSize;
  }

  private suffixes(layer: number): string[] {
    return this.bidirectional ? [`_l${layer}`, `_l${layer}_reverse`] : [`_l${layer}`];
  }

  /** PyTorch's init: every parameter U(-1/sqrt(hidden), 1/sqrt(hidden)), in registration order. */
  resetParameters(): void {
    resetRecurrent(this, this.hiddenSize);
  }

  /** PyTorch's flatten_parameters(), for ported code: a no-op, the parameters are used as they are. */
  flattenParameters(): void {}

  private directionWeights(suffix: string): DirectionWeights {
    const get = (name: string) => (this._parameters.has(name + suffix) ? this.getParameter(name + suffix) : null);
    return { wIh: get('weight_ih') as Tensor, wHh: get('weight_hh') as Tensor, bIh: get('bias_ih'), bHh: get('bias_hh'), wHr: get('weight_hr') };
  }

  /** The input as rows step after step ([T * B, in] for a padded batch). */
  protected rowsOf(input: Tensor | PackedSequence): Rows {
    const name = this.typeName;
    if (input instanceof PackedSequence) {
      checkInputDType(name, input.data, this.getParameter('weight_ih_l0') as Tensor);
      if (input.data.ndim !== 2 || input.data.shape[1] !== this.inputSize) {
        throw new ShapeError(`${name}: input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${input.data.shape.at(-1) ?? 0}`);
      }
      const batchSizes = input.batchSizeList();
      return { data: input.data, batchSizes, batch: batchSizes[0], packed: input, steps: batchSizes.length, batched: true };
    }
    if (input.ndim !== 2 && input.ndim !== 3) {
      throw new ShapeError(`${name}: Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor`);
    }
    checkInputDType(name, input, this.getParameter('weight_ih_l0') as Tensor);
    if (input.shape[input.ndim - 1] !== this.inputSize) {
      throw new ShapeError(`${name}: input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${input.shape[input.ndim - 1]}`);
    }
    const batched = input.ndim === 3;
    const x = !batched ? input.unsqueeze(1) : this.batchFirst ? input.transpose(0, 1) : input;
    const [steps, batch] = x.shape;
    if (steps === 0) throw new ShapeError(`${name}: expected at least one time step, got input of size [${input.shape.join(', ')}]`);
    return { data: x.reshape([steps * batch, this.inputSize]), batchSizes: new Array<number>(steps).fill(batch), batch, packed: null, steps, batched };
  }

  /** An initial state [layers * directions, B, size] (zeros when absent), in the rows' batch order. */
  protected initialState(name: string, state: Tensor | undefined, rows: Rows, size: number, input: Tensor): Tensor {
    const shape = [this.numLayers * this.numDirections, rows.batch, size];
    if (state === undefined) return zeros(shape, { dtype: input.dtype, device: input.device });
    if (!rows.batched) {
      if (state.ndim !== 2) throw new ShapeError(`${this.typeName}: For unbatched 2-D input, ${name} should also be 2-D but got ${state.ndim}-D tensor`);
      checkState(this.typeName, name, state, [shape[0], size], input);
      return state.unsqueeze(1);
    }
    if (state.ndim !== 3) throw new ShapeError(`${this.typeName}: For batched 3-D input, ${name} should also be 3-D but got ${state.ndim}-D tensor`);
    checkState(this.typeName, name, state, shape, input);
    const sorted = rows.packed?.sortedIndices;
    return sorted ? state.indexSelect(1, sorted) : state;
  }

  /** Every layer and direction: the last layer's output rows and the final states [layers * directions, B, *]. */
  protected run(rows: Rows, h0: Tensor, c0: Tensor | null): { output: Tensor; h: Tensor; c: Tensor | null } {
    let layerInput = rows.data;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outputs: Tensor[] = [];
      this.suffixes(layer).forEach((suffix, direction) => {
        const index = layer * this.numDirections + direction;
        const r = runDirection(this.mode, layerInput, rows.batchSizes, h0.select(0, index), c0 ? c0.select(0, index) : null, this.directionWeights(suffix), direction === 1);
        outputs.push(r.output);
        hs.push(r.h);
        if (r.c) cs.push(r.c);
      });
      layerInput = outputs.length === 1 ? outputs[0] : cat(outputs, 1);
      if (layer < this.numLayers - 1 && this.dropout > 0 && this.training) layerInput = dropout(layerInput, { p: this.dropout, training: true });
    }
    return { output: layerInput, h: stack(hs, 0), c: cs.length > 0 ? stack(cs, 0) : null };
  }

  /** The output rows in the input's layout: a PackedSequence, or [T, B, *] / [B, T, *] / [T, *]. */
  protected outputOf(rows: Rows, output: Tensor): Tensor | PackedSequence {
    if (rows.packed) return rows.packed.withData(output);
    const y = output.reshape([rows.steps, rows.batch, output.shape[1]]);
    if (!rows.batched) return y.squeeze(1);
    return this.batchFirst ? y.transpose(0, 1) : y;
  }

  /** A final state back in the batch's original order (and without the batch dim when unbatched). */
  protected finalState(rows: Rows, state: Tensor): Tensor {
    const unsorted = rows.packed?.unsortedIndices;
    if (unsorted) return state.indexSelect(1, unsorted);
    return rows.batched ? state : state.squeeze(1);
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batchFirst) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += ', bidirectional=True';
    return s;
  }
}


/**
 * Elman RNN: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) (or relu).
 *
 * @pytorch torch.nn.RNN
 * @example
 * ```ts
 * const rnn = new RNN(3, 5, { numLayers: 2, batchFirst: true });
 * const [output, hN] = rnn.forward(randn([4, 7, 3])); // [4, 7, 5], [2, 4, 5]
 * ```
 */
export class RNN extends RNNBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    checkOptions('RNN', options, [...BASE_KEYS, 'nonlinearity']);
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new ValueError(`RNN(): Unknown nonlinearity '${String(nonlinearity)}'. Select from 'tanh' or 'relu'.`);
    super('RNN', nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, options);
    this.nonlinearity = nonlinearity;
  }

  /** [output, h_n]; `hx` [layers * directions, B, H] ([layers * directions, H] unbatched) defaults to zeros. */
  forward(input: Tensor, hx?: Tensor): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor): [Tensor | PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor): [Tensor | PackedSequence, Tensor] {
    const rows = this.rowsOf(input);
    const r = this.run(rows, this.initialState('hx', hx, rows, this.hiddenSize, rows.data), null);
    return [this.outputOf(rows, r.output), this.finalState(rows, r.h)];
  }

  override extraRepr(): string {
    return super.extraRepr() + (this.nonlinearity === 'tanh' ? '' : `, nonlinearity=${this.nonlinearity}`);
  }
}

/**
 * LSTM with PyTorch's gate order i, f, g, o and, with projSize, h_t = (o tanh(c_t)) W_hr^T.
 *
 * @pytorch torch.nn.LSTM
 * @example
 * ```ts
 * const lstm = new LSTM(3, 5, { batchFirst: true, bidirectional: true });
 * const [output, [hN, cN]] = lstm.forward(randn([4, 7, 3])); // output [4, 7, 10]
 * ```
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: LSTMOptions = {}) {
    checkOptions('LSTM', options, [...BASE_KEYS, 'projSize']);
    super('LSTM', 'LSTM', inputSize, hiddenSize, options);
  }

  /** [output, [h_n, c_n]]; h0 [layers * directions, B, projSize || H], c0 [layers * directions, B, H], zeros by default. */
  forward(input: Tensor, hx?: readonly [Tensor, Tensor]): [Tensor, [Tensor, Tensor]];
  forward(input: PackedSequence, hx?: readonly [Tensor, Tensor]): [PackedSequence, [Tensor, Tensor]];
  forward(input: Tensor | PackedSequence, hx?: readonly [Tensor, Tensor]): [Tensor | PackedSequence, [Tensor, Tensor]];
  forward(input: Tensor | PackedSequence, hx?: readonly [Tensor, Tensor]): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const rows = this.rowsOf(input);
    const h0 = this.initialState('hx[0]', hx?.[0], rows, this.outputSize, rows.data);
    const c0 = this.initialState('hx[1]', hx?.[1], rows, this.hiddenSize, rows.data);
    const r = this.run(rows, h0, c0);
    return [this.outputOf(rows, r.output), [this.finalState(rows, r.h), this.finalState(rows, r.c as Tensor)]];
  }
}

/**
 * GRU with PyTorch's gate order r, z, n and n = tanh(x W_in^T + b_in + r (h W_hn^T + b_hn)).
 *
 * @pytorch torch.nn.GRU
 * @example
 * ```ts
 * const gru = new GRU(3, 5);
 * const [output, hN] = gru.forward(randn([7, 4, 3])); // (L, N, H_in) -> [7, 4, 5]
 * ```
 */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    checkOptions('GRU', options, [...BASE_KEYS]);
    super('GRU', 'GRU', inputSize, hiddenSize, options);
  }

  forward(input: Tensor, hx?: Tensor): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor): [Tensor | PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor): [Tensor | PackedSequence, Tensor] {
    const rows = this.rowsOf(input);
    const r = this.run(rows, this.initialState('hx', hx, rows, this.hiddenSize, rows.data), null);
    return [this.outputOf(rows, r.output), this.finalState(rows, r.h)];
  }
}
