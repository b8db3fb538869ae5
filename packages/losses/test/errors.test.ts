// Bad input raises early with a message naming the argument, the expected and the actual
// (conformance/test/losses/errors.test.ts covers every case where PyTorch itself raises).
import { describe, expect, it } from 'vitest';
import { DTypeError, IndexError, ShapeError, TorchletError, ValueError } from '@torchlet/tensor-core';
import * as L from '../src/index.js';
import { float, long, randnLeaf } from './helpers.js';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

const x = randnLeaf([4, 3]);
const y = long([0, 1, 2, 1]);

describe('crossEntropy / nllLoss argument checks', () => {
  it('target out of range names the value, the range and ignoreIndex', () => {
    const e = thrown(() => L.crossEntropy(x, long([0, 3, 1, 1])));
    expect(e).toBeInstanceOf(IndexError);
    expect(e.message).toBe("crossEntropy(): argument 'target' expected class indices in [0, 2] or ignoreIndex -100, got 3 at flat position 1");
  });
  it('a negative target that is not ignoreIndex', () => {
    expect(thrown(() => L.nllLoss(x, long([0, -1, 1, 1])))).toBeInstanceOf(IndexError);
    expect(() => L.nllLoss(x, long([0, -1, 1, 1]), { ignoreIndex: -1 })).not.toThrow();
  });
  it('batch and spatial size mismatches', () => {
    const e = thrown(() => L.crossEntropy(x, long([0, 1, 2])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toContain("argument 'target' expected batch size 4");
    const k = thrown(() => L.crossEntropy(randnLeaf([2, 3, 4]), long([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [2, 5])));
    expect(k.message).toBe("crossEntropy(): argument 'target' expected shape [2, 4] for input of shape [2, 3, 4], got shape [2, 5]");
  });
  it('weight length not C', () => {
    const e = thrown(() => L.crossEntropy(x, y, { weight: float([1, 1, 1, 1]) }));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe("crossEntropy(): argument 'weight' expected a 1-D tensor of 3 values (one per class), got shape [4]");
  });
  it('unknown reduction', () => {
    const e = thrown(() => L.crossEntropy(x, y, { reduction: 'avg' as L.Reduction }));
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toBe("crossEntropy(): argument 'reduction' expected one of 'none', 'mean', 'sum', got 'avg'");
  });
  it('labelSmoothing outside [0, 1] (PyTorch 1.13 only rejects values above 1; torchlet rejects both sides)', () => {
    for (const s of [-0.1, 1.5, Number.NaN]) {
      const e = thrown(() => L.crossEntropy(x, y, { labelSmoothing: s }));
      expect(e).toBeInstanceOf(ValueError);
      expect(e.message).toContain("argument 'labelSmoothing' expected a number in [0, 1]");
    }
    expect(() => L.crossEntropy(x, y, { labelSmoothing: 1 })).not.toThrow();
  });
  it('ignoreIndex with probability targets', () => {
    const q = x.detach().softmax(1);
    expect(thrown(() => L.crossEntropy(x, q, { ignoreIndex: 0 })).message).toContain("argument 'ignoreIndex' expected a negative value with probability targets");
    expect(() => L.crossEntropy(x, q)).not.toThrow();
  });
  it('non-integer class targets', () => {
    const e = thrown(() => L.crossEntropy(x, float([0, 1, 2, 1])));
    expect(e).toBeInstanceOf(DTypeError);
    expect(e.message).toContain("argument 'target' expected class indices of dtype int64");
    expect(thrown(() => L.nllLoss(x, float([0, 1, 2, 1])))).toBeInstanceOf(DTypeError);
  });
  it('integer input', () => {
    expect(thrown(() => L.crossEntropy(long([1, 2, 3, 4], [2, 2]), long([0, 1])))).toBeInstanceOf(DTypeError);
  });
});

describe('other losses', () => {
  it("multiMarginLoss: p not 1 or 2, target out of range, weight length (PyTorch 1.13 reads out of bounds there)", () => {
    expect(thrown(() => L.multiMarginLoss(x, y, { p: 3 as 1 })).message).toBe("multiMarginLoss(): argument 'p' expected 1 or 2, got 3");
    expect(thrown(() => L.multiMarginLoss(x, long([0, 5, 1, 1])))).toBeInstanceOf(IndexError);
    expect(thrown(() => L.multiMarginLoss(x, y, { weight: float([1, 2]) }))).toBeInstanceOf(ShapeError);
  });
  it('multiLabelMarginLoss: indices beyond C', () => {
    expect(thrown(() => L.multiLabelMarginLoss(x, long([0, 3, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0], [4, 3])))).toBeInstanceOf(IndexError);
  });
  it('binary cross entropy: shapes and probabilities outside [0, 1]', () => {
    expect(thrown(() => L.binaryCrossEntropyWithLogits(x, randnLeaf([4, 2]))).message).toBe(
      "binaryCrossEntropyWithLogits(): argument 'target' expected the same shape as input [4, 3], got shape [4, 2]",
    );
    expect(thrown(() => L.binaryCrossEntropy(float([0.5, 1.5]), float([0, 1]))).message).toBe(
      "binaryCrossEntropy(): argument 'input' expected probabilities in [0, 1], got 1.5 at flat position 1",
    );
    expect(thrown(() => L.binaryCrossEntropyWithLogits(x, x.detach(), { posWeight: float([1, 2]) }))).toBeInstanceOf(ShapeError);
  });
  it('smoothL1Loss beta < 0, huberLoss delta <= 0', () => {
    expect(thrown(() => L.smoothL1Loss(x, x.detach(), { beta: -1 }))).toBeInstanceOf(ValueError);
    expect(thrown(() => L.huberLoss(x, x.detach(), { delta: 0 }))).toBeInstanceOf(ValueError);
  });
  it('gaussianNllLoss: var shape and negative var', () => {
    expect(thrown(() => L.gaussianNllLoss(x, x.detach(), randnLeaf([4, 2]).abs()))).toBeInstanceOf(ShapeError);
    expect(thrown(() => L.gaussianNllLoss(x, x.detach(), float([-1, 1, 1, 1])))).toBeInstanceOf(ValueError);
  });
  it('klDiv accepts batchmean; the others do not', () => {
    expect(() => L.klDiv(x, x.detach().softmax(1), { reduction: 'batchmean' })).not.toThrow();
    expect(thrown(() => L.mseLoss(x, x.detach(), { reduction: 'batchmean' as L.Reduction }))).toBeInstanceOf(ValueError);
  });
  it('focal losses: gamma < 0, alpha length', () => {
    expect(thrown(() => L.sigmoidFocalLoss(x, x.detach().sigmoid(), { gamma: -1 }))).toBeInstanceOf(ValueError);
    expect(thrown(() => L.softmaxFocalLoss(x, y, { alpha: float([1, 1]) })).message).toContain("argument 'alpha' expected a 1-D tensor of 3 values");
  });
  it('embedding losses: shapes', () => {
    expect(thrown(() => L.marginRankingLoss(float([1, 2, 3]), float([1, 2, 3]), float([1, 1, 1, 1])))).toBeInstanceOf(ShapeError);
    expect(thrown(() => L.cosineEmbeddingLoss(x, x.detach(), float([1, 1, 1])))).toBeInstanceOf(ShapeError);
    expect(thrown(() => L.tripletMarginLoss(x, x.detach(), randnLeaf([3, 3])))).toBeInstanceOf(ShapeError);
  });
  it('every error is a TorchletError', () => {
    expect(thrown(() => L.l1Loss(x, randnLeaf([4, 2])))).toBeInstanceOf(TorchletError);
  });
});

describe('dtypes PyTorch refuses to mix', () => {
  // PyTorch 1.13: RuntimeError "expected scalar type Double but found Float" (nll_loss, multi_margin_loss
  // kernels; class-index cross entropy goes through nll_loss), and "Found dtype Float but expected Double"
  // for binary_cross_entropy's target
  const x32 = x.detach().to('float32');
  it('crossEntropy with class indices: a weight of another dtype than the input', () => {
    for (const [input, w, want, got] of [
      [x, float([1, 2, 3], undefined, 'float32'), 'float64', 'float32'],
      [x32, float([1, 2, 3]), 'float32', 'float64'],
    ] as const) {
      for (const options of [{}, { labelSmoothing: 0.1 }, { reduction: 'none' as const }]) {
        const e = thrown(() => L.crossEntropy(input, y, { weight: w, ...options }));
        expect(e).toBeInstanceOf(DTypeError);
        expect(e.message).toBe(`crossEntropy(): argument 'weight' expected dtype ${want} (the input's dtype), got dtype ${got}`);
      }
    }
    // probability targets go through a composition that promotes, in PyTorch too: no error
    expect(() => L.crossEntropy(x, x.detach().softmax(1), { weight: float([1, 2, 3], undefined, 'float32') })).not.toThrow();
    expect(() => L.crossEntropy(x, y, { weight: float([1, 2, 3]) })).not.toThrow();
  });
  it('nllLoss and multiMarginLoss: the same', () => {
    const w32 = float([1, 2, 3], undefined, 'float32');
    expect(thrown(() => L.nllLoss(x, y, { weight: w32 })).message).toBe(
      "nllLoss(): argument 'weight' expected dtype float64 (the input's dtype), got dtype float32",
    );
    expect(thrown(() => L.multiMarginLoss(x, y, { weight: w32 }))).toBeInstanceOf(DTypeError);
    expect(thrown(() => L.nllLoss(x32, y, { weight: float([1, 2, 3]) }))).toBeInstanceOf(DTypeError);
  });
  it('binaryCrossEntropy: a target of another dtype than the input (a weight of another dtype is fine, as in PyTorch)', () => {
    const p = float([0.5, 0.25]);
    expect(thrown(() => L.binaryCrossEntropy(p, float([0, 1], undefined, 'float32'))).message).toBe(
      "binaryCrossEntropy(): argument 'target' expected dtype float64 (the input's dtype), got dtype float32",
    );
    expect(() => L.binaryCrossEntropy(p, float([0, 1]), { weight: float([1, 2], undefined, 'float32') })).not.toThrow();
  });
});

describe('arguments that are not tensors get a TorchletError naming them', () => {
  const z = x.detach();
  const cases: [string, string, (bad: never) => unknown][] = [
    ['crossEntropy', 'target', (b) => L.crossEntropy(x, b)],
    ['crossEntropy', 'input', (b) => L.crossEntropy(b, y)],
    ['crossEntropy', 'weight', (b) => L.crossEntropy(x, y, { weight: b })],
    ['nllLoss', 'target', (b) => L.nllLoss(x, b)],
    ['binaryCrossEntropy', 'target', (b) => L.binaryCrossEntropy(z.sigmoid(), b)],
    ['binaryCrossEntropy', 'weight', (b) => L.binaryCrossEntropy(z.sigmoid(), z.sigmoid(), { weight: b })],
    ['binaryCrossEntropyWithLogits', 'target', (b) => L.binaryCrossEntropyWithLogits(x, b)],
    ['binaryCrossEntropyWithLogits', 'posWeight', (b) => L.binaryCrossEntropyWithLogits(x, z, { posWeight: b })],
    ['multiMarginLoss', 'target', (b) => L.multiMarginLoss(x, b)],
    ['multiLabelMarginLoss', 'target', (b) => L.multiLabelMarginLoss(x, b)],
    ['multiLabelSoftMarginLoss', 'target', (b) => L.multiLabelSoftMarginLoss(x, b)],
    ['hingeEmbeddingLoss', 'target', (b) => L.hingeEmbeddingLoss(x, b)],
    ['softMarginLoss', 'target', (b) => L.softMarginLoss(x, b)],
    ['sigmoidFocalLoss', 'target', (b) => L.sigmoidFocalLoss(x, b)],
    ['softmaxFocalLoss', 'target', (b) => L.softmaxFocalLoss(x, b)],
    ['mseLoss', 'target', (b) => L.mseLoss(x, b)],
    ['l1Loss', 'target', (b) => L.l1Loss(x, b)],
    ['smoothL1Loss', 'target', (b) => L.smoothL1Loss(x, b)],
    ['huberLoss', 'target', (b) => L.huberLoss(x, b)],
    ['klDiv', 'target', (b) => L.klDiv(x, b)],
    ['poissonNllLoss', 'target', (b) => L.poissonNllLoss(x, b)],
    ['gaussianNllLoss', 'var', (b) => L.gaussianNllLoss(x, z, b)],
    ['cosineEmbeddingLoss', 'target', (b) => L.cosineEmbeddingLoss(x, z, b)],
    ['marginRankingLoss', 'target', (b) => L.marginRankingLoss(x, z, b)],
    ['tripletMarginLoss', 'negative', (b) => L.tripletMarginLoss(x, z, b)],
  ];
  it.each(cases)('%s: %s', (loss, argument, call) => {
    for (const [bad, got] of [
      [[0, 1, 2, 1], 'an array (make one with tensor(...))'],
      [null, 'null'],
      [undefined, 'undefined'],
      [3, 'a number (make one with tensor(...))'],
    ] as const) {
      if (bad === undefined && (argument === 'weight' || argument === 'posWeight')) continue; // an absent option
      if (bad === null && (argument === 'weight' || argument === 'posWeight')) continue; // null: no weight
      const e = thrown(() => call(bad as never));
      expect(e).toBeInstanceOf(TorchletError);
      expect(e.message).toBe(`${loss}(): argument '${argument}' expected a Tensor, got ${got}`);
    }
  });

  it('a one-hot int64 target: the message says class indices or probabilities were expected', () => {
    const oneHot = long([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0], [4, 3]);
    const e = thrown(() => L.crossEntropy(x, oneHot));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe(
      "crossEntropy(): argument 'target' expected class indices (int64) of shape [4] or class probabilities " +
        "(float32 / float64) of the input's shape [4, 3], got an int64 tensor of the input's shape [4, 3]; " +
        "for one-hot labels pass target.argmax(1) as class indices, or target.to('float64') as probabilities",
    );
    expect(thrown(() => L.nllLoss(x, oneHot)).message).toBe(
      "nllLoss(): argument 'target' expected class indices (int64) of shape [4] for input of shape [4, 3], " +
        "got an int64 tensor of the input's shape [4, 3]; for one-hot labels pass target.argmax(1) as class indices",
    );
    expect(thrown(() => L.softmaxFocalLoss(x, oneHot)).message).toContain('for one-hot labels pass target.argmax(1)');
    // the fixes the message suggests work
    expect(() => L.crossEntropy(x, oneHot.argmax(1))).not.toThrow();
    expect(() => L.crossEntropy(x, oneHot.to('float64'))).not.toThrow();
  });
});

describe('documented NaN results', () => {
  it("'mean' over an empty batch is NaN (0 / 0); 'sum' is 0 (PyTorch 1.13's multi_margin_loss returns uninitialised memory)", () => {
    const empty = randnLeaf([0, 3]);
    const none = long([]);
    expect(Number.isNaN(L.crossEntropy(empty, none).item())).toBe(true);
    expect(Number.isNaN(L.multiMarginLoss(empty, none).item())).toBe(true);
    expect(L.crossEntropy(empty, none, { reduction: 'sum' }).item()).toBe(0);
    expect(L.multiMarginLoss(empty, none, { reduction: 'sum' }).item()).toBe(0);
  });
});

describe('unknown options', () => {
  it("are refused by every loss function and module (PyTorch's TypeError), naming the camelCase spelling", () => {
    const x = float([0.1, 0.9, 0.4, 0.6], [2, 2]);
    const y = long([1, 0]);
    expect(() => L.crossEntropy(x, y, { label_smoothing: 0.1 } as never)).toThrow(
      "crossEntropy(): unexpected option 'label_smoothing' (did you mean 'labelSmoothing'? options are PyTorch's keyword arguments in camelCase); it takes 'weight', 'ignoreIndex', 'reduction', 'labelSmoothing'",
    );
    expect(() => new L.CrossEntropyLoss({ ignore_index: 0 } as never)).toThrow(/CrossEntropyLoss\(\): unexpected option 'ignore_index' \(did you mean 'ignoreIndex'/);
    expect(() => L.mseLoss(x, x, { reduce: false } as never)).toThrow(/mseLoss\(\): unexpected option 'reduce'; it takes 'reduction'/);
    expect(L.crossEntropy(x, y, { labelSmoothing: 0.1 }).item()).toBeGreaterThan(0);
  });
});
