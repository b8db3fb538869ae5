// Replay of a recurrent module case (rnn_cells.json, rnn.json, rnn_packed.json; the format is in
// generator/cases_nn_rnn.py): build the module, load PyTorch's state, run forward (packing and
// unpacking a packed case's input and output), backpropagate the same loss and list every mismatch.
import {
  GRU,
  GRUCell,
  LSTM,
  LSTMCell,
  RNN,
  RNNCell,
  utils,
  type GRUOptions,
  type LSTMOptions,
  type Module,
  type RNNOptions,
} from '@torchlet/nn-layers';
import { manualSeed, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decodeState } from './build.js';

export type RecurrentLayer = 'RNNCell' | 'LSTMCell' | 'GRUCell' | 'RNN' | 'LSTM' | 'GRU';
export type Recurrent = RNNCell | LSTMCell | GRUCell | RNN | LSTM | GRU;

export interface RecurrentCase extends FixtureCase {
  layer: RecurrentLayer;
  args: [number, number];
  options: Record<string, unknown>;
  train: boolean;
  seed: number | null;
  state: Record<string, EncodedTensor>;
  input: EncodedTensor;
  hx: EncodedTensor[] | null;
  output: EncodedTensor | null;
  states: EncodedTensor[];
  grad_output: EncodedTensor | null;
  grad_states: EncodedTensor[];
  grad_input: EncodedTensor;
  grad_hx: EncodedTensor[] | null;
  grads: Record<string, EncodedTensor>;
  lengths?: number[];
  enforce_sorted?: boolean;
  out_lengths?: EncodedTensor;
}

/** The torchlet module for (layer, args, options), the fixture's options being torchlet's (camelCase). */
export function buildRecurrent(layer: RecurrentLayer, [inputSize, hiddenSize]: [number, number], options: Record<string, unknown>): Recurrent {
  switch (layer) {
    case 'RNNCell':
      return new RNNCell(inputSize, hiddenSize, options as RNNOptions);
    case 'LSTMCell':
      return new LSTMCell(inputSize, hiddenSize, options);
    case 'GRUCell':
      return new GRUCell(inputSize, hiddenSize, options);
    case 'RNN':
      return new RNN(inputSize, hiddenSize, options as RNNOptions);
    case 'LSTM':
      return new LSTM(inputSize, hiddenSize, options as LSTMOptions);
    case 'GRU':
      return new GRU(inputSize, hiddenSize, options as GRUOptions);
  }
}

/** Run the module: [output or null, states]. */
export function runRecurrent(m: Recurrent, input: Tensor | utils.rnn.PackedSequence, hx: Tensor[] | null): [Tensor | utils.rnn.PackedSequence | null, Tensor[]] {
  if (m instanceof LSTMCell) return [null, m.forward(input as Tensor, hx ? [hx[0], hx[1]] : undefined)];
  if (m instanceof RNNCell || m instanceof GRUCell) return [null, [m.forward(input as Tensor, hx?.[0])]];
  if (m instanceof LSTM) {
    const [y, [h, c]] = m.forward(input, hx ? [hx[0], hx[1]] : undefined);
    return [y, [h, c]];
  }
  const [y, h] = m.forward(input, hx?.[0]);
  return [y, [h]];
}

export function withState(m: Module, c: RecurrentCase): void {
  m.to(c.dtype === 'float64' ? 'float64' : 'float32');
  m.loadStateDict(decodeState(c.state));
  m.train(c.train);
  m.to(fixtureDevice());
}

export function replayRecurrentCase(c: RecurrentCase): string[] {
  const m = buildRecurrent(c.layer, c.args, c.options);
  withState(m, c);
  const problems: string[] = [];
  const check = (what: string, actual: Tensor | null | undefined, expected: EncodedTensor) => {
    if (!actual) problems.push(`${what}: missing`);
    else problems.push(...compareTensor(actual, expected, c).map((p) => `${what}: ${p}`));
  };
  const x = decode(c.input).requiresGrad_(true);
  const hx = c.hx ? c.hx.map((h) => decode(h).requiresGrad_(true)) : null;
  const batchFirst = c.options.batchFirst === true;
  const input = c.lengths ? utils.rnn.packPaddedSequence(x, c.lengths, { batchFirst, enforceSorted: c.enforce_sorted }) : x;
  if (c.seed !== null) manualSeed(c.seed);
  const [raw, states] = runRecurrent(m, input, hx);
  let output: Tensor | null = null;
  if (raw instanceof utils.rnn.PackedSequence) {
    const [padded, lengths] = utils.rnn.padPackedSequence(raw, { batchFirst });
    output = padded;
    if (c.out_lengths) check('output lengths', lengths, c.out_lengths);
  } else output = raw;
  if (c.output) check('output', output, c.output);
  else if (output) problems.push('output: expected none');
  if (states.length !== c.states.length) problems.push(`states: ${states.length}, expected ${c.states.length}`);
  c.states.forEach((s, i) => check(`state ${i}`, states[i], s));
  let loss: Tensor | null = null;
  const add = (t: Tensor, g: EncodedTensor) => {
    const term = t.mul(decode(g)).sum();
    loss = loss ? loss.add(term) : term;
  };
  c.grad_states.forEach((g, i) => add(states[i], g));
  if (output && c.grad_output) add(output, c.grad_output);
  (loss as Tensor | null)?.backward();
  check('grad input', x.grad, c.grad_input);
  c.grad_hx?.forEach((g, i) => check(`grad hx ${i}`, hx?.[i].grad, g));
  const params = new Map(m.namedParameters());
  const names = [...params.keys()].join(', ');
  const expectedNames = Object.keys(c.grads).join(', ');
  if (names !== expectedNames) problems.push(`parameters: [${names}], expected [${expectedNames}]`);
  for (const [name, g] of Object.entries(c.grads)) check(`grad ${name}`, params.get(name)?.grad, g);
  return problems;
}
