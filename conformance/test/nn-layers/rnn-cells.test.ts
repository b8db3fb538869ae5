// RNNCell, LSTMCell, GRUCell against PyTorch 1.13 (fixtures/nn-layers/rnn_cells.json): batched and
// unbatched inputs, with and without an initial state, without bias, tanh and relu; outputs, states,
// and the gradients of the input, the initial states and every parameter.
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../src/fixtures.js';
import { replayRecurrentCase, type RecurrentCase } from './rnn-case.js';

const fixture = loadFixture<RecurrentCase>('nn-layers', 'rnn_cells');

describe(`nn-layers recurrent cells (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(replayRecurrentCase(c)).toEqual([]);
  });
});
