// RNN, LSTM, GRU against PyTorch 1.13 (fixtures/nn-layers/rnn.json): layers, directions, batchFirst,
// projSize, bias, initial states, unbatched inputs, dropout between layers (eval, and train after
// manualSeed: tensor-core replays torch's CPU stream, so the masks are PyTorch's).
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../src/fixtures.js';
import { replayRecurrentCase, type RecurrentCase } from './rnn-case.js';

const fixture = loadFixture<RecurrentCase>('nn-layers', 'rnn');

describe(`nn-layers RNN, LSTM, GRU (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(replayRecurrentCase(c)).toEqual([]);
  });
});
