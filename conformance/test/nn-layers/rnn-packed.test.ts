// Packed sequences against PyTorch 1.13 (fixtures/nn-layers/rnn_packed.json): RNN, LSTM, GRU on
// PackedSequences (sorted and not, bidirectional, projSize, initial states, dropout after
// manualSeed), and padSequence, packPaddedSequence, padPackedSequence, packSequence on their own:
// every field PyTorch returns, input gradients, and PyTorch's errors.
import { describe, expect, it } from 'vitest';
import { utils } from '@torchlet/nn-layers';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { replayRecurrentCase, type RecurrentCase } from './rnn-case.js';

interface UtilCase extends FixtureCase {
  kind: 'pad_sequence' | 'pack_padded_sequence' | 'pad_packed_sequence' | 'pack_sequence';
  params: { batchFirst?: boolean; paddingValue?: number; lengths?: number[]; enforceSorted?: boolean; totalLength?: number | null };
  inputs: EncodedTensor[];
  outputs?: EncodedTensor[];
  grad_outputs?: (EncodedTensor | null)[];
  grads?: EncodedTensor[];
  error?: string;
}

const fixture = loadFixture<RecurrentCase & Partial<UtilCase>>('nn-layers', 'rnn_packed');
const layerCases = fixture.cases.filter((c) => c.kind === undefined);
const utilCases = fixture.cases.filter((c) => c.kind !== undefined) as unknown as UtilCase[];

/** A PackedSequence's tensors as PyTorch's tuple: data, batch_sizes (, sorted_indices, unsorted_indices). */
function fields(p: utils.rnn.PackedSequence): Tensor[] {
  return p.sortedIndices && p.unsortedIndices ? [p.data, p.batchSizes, p.sortedIndices, p.unsortedIndices] : [p.data, p.batchSizes];
}

function runUtil(c: UtilCase, xs: Tensor[]): Tensor[] {
  const p = c.params;
  const pack = () => utils.rnn.packPaddedSequence(xs[0], p.lengths ?? [], { batchFirst: p.batchFirst, enforceSorted: p.enforceSorted });
  switch (c.kind) {
    case 'pad_sequence':
      return [utils.rnn.padSequence(xs, { batchFirst: p.batchFirst, paddingValue: p.paddingValue })];
    case 'pack_padded_sequence':
      return fields(pack());
    case 'pad_packed_sequence':
      return utils.rnn.padPackedSequence(pack(), { batchFirst: p.batchFirst, paddingValue: p.paddingValue, totalLength: p.totalLength });
    case 'pack_sequence':
      return fields(utils.rnn.packSequence(xs, { enforceSorted: p.enforceSorted }));
  }
}

describe(`nn-layers recurrent layers on PackedSequences (${layerCases.length} PyTorch cases)`, () => {
  it.each(layerCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(replayRecurrentCase(c)).toEqual([]);
  });
});

describe(`nn-layers utils.rnn (${utilCases.length} PyTorch cases)`, () => {
  it.each(utilCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const xs = c.inputs.map((x) => decode(x).requiresGrad_(true));
    if (c.error !== undefined) {
      expect(() => runUtil(c, xs), `PyTorch raised ${c.error}`).toThrow(TorchletError);
      return;
    }
    const outs = runUtil(c, xs);
    const problems: string[] = [];
    expect(outs.length).toBe(c.outputs?.length);
    let loss: Tensor | null = null;
    outs.forEach((o, i) => {
      problems.push(...compareTensor(o, (c.outputs as EncodedTensor[])[i], c).map((p) => `output ${i}: ${p}`));
      const g = c.grad_outputs?.[i];
      if (g) {
        const term = o.mul(decode(g)).sum();
        loss = loss ? loss.add(term) : term;
      }
    });
    (loss as Tensor | null)?.backward();
    xs.forEach((x, i) => {
      const g = x.grad;
      if (!g) problems.push(`grad ${i}: missing`);
      else problems.push(...compareTensor(g, (c.grads as EncodedTensor[])[i], c).map((p) => `grad ${i}: ${p}`));
    });
    expect(problems).toEqual([]);
  });
});
