// RNNCell, LSTMCell, GRUCell (torch.nn.*Cell): one time step on a batch [N, in] or one sample [in].
// Parameters weight_ih [G*H, in], weight_hh [G*H, H], bias_ih, bias_hh [G*H] (G gate blocks: 1,
// LSTM 4 in order i, f, g, o, GRU 3 in order r, z, n), each initialised U(-1/sqrt(H), 1/sqrt(H)).
import { ShapeError, ValueError, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { checkOptions } from '../functional/util.js';
import { checkSize } from '../layers/linear.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkInputDType, checkState, resetRecurrent } from './checks.js';
import { GATE_COUNT, gruStep, linearRows, lstmStep, rnnStep, type RNNMode, type StepWeights } from './steps.js';

/**
 * What the `RNNCell` constructor takes besides its sizes: bias, the nonlinearity and the dtype.
 *
 * @pytorch the keyword arguments of torch.nn.RNNCell
 * @example
 * ```ts
 * const options: RNNCellOptions = { nonlinearity: 'relu', bias: false };
 * const cell = new RNNCell(3, 5, options);
 * ```
 */
export interface RNNCellOptions {
  /** Learn bias_ih and bias_hh (default true). */
  bias?: boolean;
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
  /** dtype of the parameters (default float32). */
  dtype?: DType;
}

/**
 * What the `LSTMCell` constructor takes besides its sizes: bias and the dtype.
 *
 * @pytorch the keyword arguments of torch.nn.LSTMCell
 * @example
 * ```ts
 * const options: LSTMCellOptions = { dtype: 'float64' };
 * const cell = new LSTMCell(3, 5, options);
 * ```
 */
export interface LSTMCellOptions {
  bias?: boolean;
  dtype?: DType;
}

/**
 * What the `GRUCell` constructor takes besides its sizes: bias and the dtype.
 *
 * @pytorch the keyword arguments of torch.nn.GRUCell
 * @example
 * ```ts
 * const options: GRUCellOptions = { bias: false };
 * const cell = new GRUCell(3, 5, options);
 * ```
 */
export type GRUCellOptions = LSTMCellOptions;

abstract class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  protected readonly mode: RNNMode;

  constructor(name: string, mode: RNNMode, inputSize: number, hiddenSize: number, bias: boolean, dtype: DType) {
    super();
    checkSize(name, 'input_size', inputSize, 0);
    checkSize(name, 'hidden_size', hiddenSize, 0);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.bias = bias;
    this.mode = mode;
    const gates = GATE_COUNT[mode] * hiddenSize;
    this.registerParameter('weight_ih', new Parameter(zeros([gates, inputSize], { dtype })));
    this.registerParameter('weight_hh', new Parameter(zeros([gates, hiddenSize], { dtype })));
    this.registerParameter('bias_ih', bias ? new Parameter(zeros([gates], { dtype })) : null);
    this.registerParameter('bias_hh', bias ? new Parameter(zeros([gates], { dtype })) : null);
    this.resetParameters();
  }

  get weight_ih(): Parameter {
    return this.getParameter('weight_ih') as Parameter;
  }

  get weight_hh(): Parameter {
    return this.getParameter('weight_hh') as Parameter;
  }

  get bias_ih(): Parameter | null {
    return this.getParameter('bias_ih');
  }

  get bias_hh(): Parameter | null {
    return this.getParameter('bias_hh');
  }

  /** PyTorch's init: every parameter U(-1/sqrt(hidden), 1/sqrt(hidden)), in registration order. */
  resetParameters(): void {
    resetRecurrent(this, this.hiddenSize);
  }

  /** The input as a batch [N, in] (a 1-D input becomes one row), checked against the parameters. */
  protected batchOf(input: Tensor): { x: Tensor; batched: boolean } {
    const name = this.typeName;
    if (input.ndim !== 1 && input.ndim !== 2) {
      throw new ShapeError(`${name}: Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`);
    }
    checkInputDType(name, input, this.weight_ih);
    const x = input.ndim === 1 ? input.unsqueeze(0) : input;
    if (x.shape[1] !== this.inputSize) {
      throw new ShapeError(`${name}: input has inconsistent input_size: got ${x.shape[1]} expected ${this.inputSize}`);
    }
    return { x, batched: input.ndim === 2 };
  }

  /** A hidden state for `x`'s batch: the given one (checked, a 1-D one as one row) or zeros. */
  protected stateOf(name: string, state: Tensor | undefined, x: Tensor, batched: boolean): Tensor {
    const size = this.hiddenSize;
    if (state === undefined) return zeros([x.shape[0], size], { dtype: x.dtype, device: x.device });
    checkState(this.typeName, name, state, batched ? [x.shape[0], size] : [size], x);
    return batched ? state : state.unsqueeze(0);
  }

  protected weights(): StepWeights {
    return { wHh: this.weight_hh, bHh: this.bias_hh, wHr: null };
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias ? '' : ', bias=False'}`;
  }
}

/**
 * h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (or relu).
 *
 * @pytorch torch.nn.RNNCell
 * @example
 * ```ts
 * const cell = new RNNCell(3, 5);
 * let h = cell.forward(randn([2, 3])); // [2, 5]
 * h = cell.forward(randn([2, 3]), h);
 * ```
 */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    checkOptions('RNNCell', options, ['bias', 'nonlinearity', 'dtype']);
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      throw new ValueError(`RNNCell(): Unknown nonlinearity: ${String(nonlinearity)} (expected 'tanh' or 'relu')`);
    }
    super('RNNCell', nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, options.bias ?? true, options.dtype ?? 'float32');
    this.nonlinearity = nonlinearity;
  }

  /** The next hidden state [N, H] (or [H] for a 1-D input); `hx` defaults to zeros. */
  forward(input: Tensor, hx?: Tensor): Tensor {
    const { x, batched } = this.batchOf(input);
    const h = this.stateOf('hx', hx, x, batched);
    const hy = rnnStep(this.mode, linearRows(x, this.weight_ih, this.bias_ih), h, this.weights());
    return batched ? hy : hy.squeeze(0);
  }

  override extraRepr(): string {
    return `${super.extraRepr()}${this.nonlinearity === 'tanh' ? '' : `, nonlinearity=${this.nonlinearity}`}`;
  }
}

/**
 * LSTM step: returns [h', c'] from [h, c] (zeros by default).
 *
 * @pytorch torch.nn.LSTMCell
 * @example
 * ```ts
 * const cell = new LSTMCell(3, 5);
 * const [h, c] = cell.forward(randn([2, 3]));
 * const [h2, c2] = cell.forward(randn([2, 3]), [h, c]);
 * ```
 */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: LSTMCellOptions = {}) {
    checkOptions('LSTMCell', options, ['bias', 'dtype']);
    super('LSTMCell', 'LSTM', inputSize, hiddenSize, options.bias ?? true, options.dtype ?? 'float32');
  }

  forward(input: Tensor, hx?: readonly [Tensor, Tensor]): [Tensor, Tensor] {
    const { x, batched } = this.batchOf(input);
    const h = this.stateOf('hx[0]', hx?.[0], x, batched);
    const c = this.stateOf('hx[1]', hx?.[1], x, batched);
    const [hy, cy] = lstmStep(linearRows(x, this.weight_ih, this.bias_ih), h, c, this.weights());
    return batched ? [hy, cy] : [hy.squeeze(0), cy.squeeze(0)];
  }
}

/**
 * GRU step: h' = (1 - z) n + z h with PyTorch's n = tanh(W_in x + b_in + r (W_hn h + b_hn)).
 *
 * @pytorch torch.nn.GRUCell
 * @example
 * ```ts
 * const cell = new GRUCell(3, 5);
 * const h = cell.forward(randn([2, 3])); // [2, 5]
 * ```
 */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: GRUCellOptions = {}) {
    checkOptions('GRUCell', options, ['bias', 'dtype']);
    super('GRUCell', 'GRU', inputSize, hiddenSize, options.bias ?? true, options.dtype ?? 'float32');
  }

  forward(input: Tensor, hx?: Tensor): Tensor {
    const { x, batched } = this.batchOf(input);
    const h = this.stateOf('hx', hx, x, batched);
    const hy = gruStep(linearRows(x, this.weight_ih, this.bias_ih), h, this.weights());
    return batched ? hy : hy.squeeze(0);
  }
}
