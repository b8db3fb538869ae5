// Module classes: PyTorch's defaults as readonly fields, and forward() = the functional form.
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@torchlet/tensor-core';
import { Module } from '@torchlet/nn-layers';
import * as L from '../src/index.js';
import { classes, expectClose, long, randLeaf, randnLeaf } from './helpers.js';

describe('module defaults follow PyTorch', () => {
  it('CrossEntropyLoss / NLLLoss', () => {
    const ce = new L.CrossEntropyLoss();
    expect([ce.weight, ce.ignoreIndex, ce.reduction, ce.labelSmoothing]).toEqual([null, -100, 'mean', 0]);
    const nll = new L.NLLLoss();
    expect([nll.weight, nll.ignoreIndex, nll.reduction]).toEqual([null, -100, 'mean']);
  });
  it('the rest', () => {
    expect(new L.BCEWithLogitsLoss().posWeight).toBeNull();
    expect([new L.MultiMarginLoss().p, new L.MultiMarginLoss().margin]).toEqual([1, 1]);
    expect(new L.HingeEmbeddingLoss().margin).toBe(1);
    const sf = new L.SigmoidFocalLoss();
    expect([sf.alpha, sf.gamma, sf.reduction]).toEqual([0.25, 2, 'none']);
    const mf = new L.SoftmaxFocalLoss();
    expect([mf.alpha, mf.gamma, mf.ignoreIndex, mf.reduction]).toEqual([null, 2, -100, 'mean']);
    expect(new L.SmoothL1Loss().beta).toBe(1);
    expect(new L.HuberLoss().delta).toBe(1);
    expect([new L.KLDivLoss().reduction, new L.KLDivLoss().logTarget]).toEqual(['mean', false]);
    const p = new L.PoissonNLLLoss();
    expect([p.logInput, p.full, p.eps]).toEqual([true, false, 1e-8]);
    const g = new L.GaussianNLLLoss();
    expect([g.full, g.eps]).toEqual([false, 1e-6]);
    expect(new L.MarginRankingLoss().margin).toBe(0);
    expect(new L.CosineEmbeddingLoss().margin).toBe(0);
    const t = new L.TripletMarginLoss();
    expect([t.margin, t.p, t.eps, t.swap]).toEqual([1, 2, 1e-6, false]);
  });
});

describe('forward() equals the function with the same options', () => {
  const x = randnLeaf([4, 3]);
  const y = classes([4], 3);
  const z = randLeaf([4, 3]).detach();
  const w = randLeaf([3]).detach();
  const pairs: [string, () => Tensor, () => Tensor][] = [
    ['CrossEntropyLoss', () => new L.CrossEntropyLoss({ weight: w, labelSmoothing: 0.1 }).forward(x, y), () => L.crossEntropy(x, y, { weight: w, labelSmoothing: 0.1 })],
    ['NLLLoss', () => new L.NLLLoss({ reduction: 'sum' }).forward(x, y), () => L.nllLoss(x, y, { reduction: 'sum' })],
    ['BCEWithLogitsLoss', () => new L.BCEWithLogitsLoss({ posWeight: w }).forward(x, z), () => L.binaryCrossEntropyWithLogits(x, z, { posWeight: w })],
    ['BCELoss', () => new L.BCELoss().forward(x.sigmoid(), z), () => L.binaryCrossEntropy(x.sigmoid(), z)],
    ['MultiMarginLoss', () => new L.MultiMarginLoss({ p: 2 }).forward(x, y), () => L.multiMarginLoss(x, y, { p: 2 })],
    ['HingeEmbeddingLoss', () => new L.HingeEmbeddingLoss().forward(x, z.gt(0.5).to('float64').mul(2).sub(1)), () => L.hingeEmbeddingLoss(x, z.gt(0.5).to('float64').mul(2).sub(1))],
    ['MultiLabelMarginLoss', () => new L.MultiLabelMarginLoss().forward(x, long([0, -1, 0, 1, 2, -1, 2, -1, 0, 0, 1, 2], [4, 3])), () => L.multiLabelMarginLoss(x, long([0, -1, 0, 1, 2, -1, 2, -1, 0, 0, 1, 2], [4, 3]))],
    ['MultiLabelSoftMarginLoss', () => new L.MultiLabelSoftMarginLoss({ weight: w }).forward(x, z), () => L.multiLabelSoftMarginLoss(x, z, { weight: w })],
    ['SoftMarginLoss', () => new L.SoftMarginLoss().forward(x, z), () => L.softMarginLoss(x, z)],
    ['SigmoidFocalLoss', () => new L.SigmoidFocalLoss({ reduction: 'sum' }).forward(x, z), () => L.sigmoidFocalLoss(x, z, { reduction: 'sum' })],
    ['SoftmaxFocalLoss', () => new L.SoftmaxFocalLoss({ alpha: w }).forward(x, y), () => L.softmaxFocalLoss(x, y, { alpha: w })],
    ['MSELoss', () => new L.MSELoss().forward(x, z), () => L.mseLoss(x, z)],
    ['L1Loss', () => new L.L1Loss().forward(x, z), () => L.l1Loss(x, z)],
    ['SmoothL1Loss', () => new L.SmoothL1Loss({ beta: 0.3 }).forward(x, z), () => L.smoothL1Loss(x, z, { beta: 0.3 })],
    ['HuberLoss', () => new L.HuberLoss({ delta: 0.3 }).forward(x, z), () => L.huberLoss(x, z, { delta: 0.3 })],
    ['KLDivLoss', () => new L.KLDivLoss({ reduction: 'batchmean' }).forward(x.logSoftmax(1), z), () => L.klDiv(x.logSoftmax(1), z, { reduction: 'batchmean' })],
    ['PoissonNLLLoss', () => new L.PoissonNLLLoss({ full: true }).forward(x, z.mul(3)), () => L.poissonNllLoss(x, z.mul(3), { full: true })],
    ['GaussianNLLLoss', () => new L.GaussianNLLLoss().forward(x, z, z.add(0.1)), () => L.gaussianNllLoss(x, z, z.add(0.1))],
    ['MarginRankingLoss', () => new L.MarginRankingLoss({ margin: 0.1 }).forward(x, z, z.sub(0.5).sign()), () => L.marginRankingLoss(x, z, z.sub(0.5).sign(), { margin: 0.1 })],
    ['CosineEmbeddingLoss', () => new L.CosineEmbeddingLoss().forward(x, z, y.to('float64').sub(1).sign().add(0.5).sign()), () => L.cosineEmbeddingLoss(x, z, y.to('float64').sub(1).sign().add(0.5).sign())],
    ['TripletMarginLoss', () => new L.TripletMarginLoss({ swap: true }).forward(x, z, z.neg()), () => L.tripletMarginLoss(x, z, z.neg(), { swap: true })],
  ];
  for (const [name, viaModule, viaFunction] of pairs) {
    it(name, () => {
      expectClose(viaModule(), viaFunction(), 0, 0);
    });
  }
});

describe('loss modules are nn Modules', () => {
  it("print as PyTorch's, hold tensor options as buffers (state dict, to()), and use them in forward", () => {
    const w = tensor([1, 2, 3], { dtype: 'float32' });
    const ce = new L.CrossEntropyLoss({ weight: w, labelSmoothing: 0.1 });
    expect(ce).toBeInstanceOf(Module);
    expect(String(new L.CrossEntropyLoss())).toBe('CrossEntropyLoss()');
    expect(Object.keys(ce.stateDict())).toEqual(['weight']);
    expect(Object.keys(new L.CrossEntropyLoss().stateDict())).toEqual([]);
    const bce = new L.BCEWithLogitsLoss({ posWeight: tensor([2], { dtype: 'float32' }) });
    expect(Object.keys(bce.stateDict())).toEqual(['pos_weight']);
    expect(bce.posWeight?.tolist()).toEqual([2]);
    const x = tensor([[0.2, 0.3, 0.5], [1, -1, 0]], { dtype: 'float64' });
    const y = tensor([2, 0]);
    ce.to('float64');
    expect(ce.weight?.dtype).toBe('float64');
    expect(ce.forward(x, y).item()).toBe(L.crossEntropy(x, y, { weight: w.double(), labelSmoothing: 0.1 }).item());
  });
});
