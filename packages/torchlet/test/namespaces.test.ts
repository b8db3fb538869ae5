// The aggregate's shape: the four namespaces, their identities, and that together they re-export
// every value export of the five @torchlet packages (so a new export there fails here until placed).
import { describe, expect, it } from 'vitest';
import * as autogradPkg from '@torchlet/autograd';
import * as lossesPkg from '@torchlet/losses';
import * as layersPkg from '@torchlet/nn-layers';
import * as optimPkg from '@torchlet/optim';
import * as corePkg from '@torchlet/tensor-core';
import * as torchlet from '../src/index.ts';
import { F, nn, optim, torch } from '../src/index.ts';

const keys = (ns: object): string[] => Object.keys(ns).sort();

/** The creation functions torch wraps (installing autograd first); every other tensor-core value is re-exported as is. */
const CREATION = [
  'tensor', 'scalarTensor', 'zeros', 'ones', 'full', 'empty', 'arange', 'linspace', 'eye', 'zerosLike', 'onesLike',
  'fullLike', 'emptyLike', 'rand', 'randn', 'randint', 'randperm', 'randLike', 'randnLike',
];

describe('namespace identities', () => {
  it('torch.nn is nn, nn.functional is F, torch.optim is optim', () => {
    expect(torch.nn).toBe(nn);
    expect(nn.functional).toBe(F);
    expect(torch.optim).toBe(optim);
  });

  it('`import * as torch from "torchlet"` has every member of `torch`, the same objects', () => {
    for (const k of keys(torch)) expect((torchlet as Record<string, unknown>)[k], k).toBe((torch as Record<string, unknown>)[k]);
    // and nothing else but the namespaces themselves
    const extra = keys(torchlet).filter((k) => !(k in torch));
    expect(extra).toEqual(['F', 'torch']);
  });

  it('re-exports the packages’ objects, not copies (creation functions: wrapped, see creation.test.ts)', () => {
    expect(torch.Tensor).toBe(corePkg.Tensor);
    expect(torch.add).toBe(corePkg.add);
    expect(torch.logSoftmax).toBe(corePkg.logSoftmax);
    expect(torch.noGrad).toBe(autogradPkg.noGrad);
    expect(torch.autograd.grad).toBe(autogradPkg.grad);
    expect(torch.autograd.installAutograd).toBe(autogradPkg.installAutograd);
    expect(torch.manualSeed).toBe(corePkg.manualSeed);
    expect(nn.Linear).toBe(layersPkg.Linear);
    expect(nn.init).toBe(layersPkg.init);
    expect(nn.CrossEntropyLoss).toBe(lossesPkg.CrossEntropyLoss);
    expect(F.crossEntropy).toBe(lossesPkg.crossEntropy);
    expect(F.logSoftmax).toBe(layersPkg.functional.logSoftmax);
    expect(optim.SGD).toBe(optimPkg.SGD);
    expect(optim.lrScheduler).toBe(optimPkg.lrScheduler);
  });
});

describe('nothing is left out', () => {
  it('@torchlet/autograd: every value is in torch or torch.autograd', () => {
    const placed = new Set([...keys(torch), ...keys(torch.autograd)]);
    expect(keys(autogradPkg).filter((k) => !placed.has(k))).toEqual([]);
  });

  it('@torchlet/nn-layers: every value is in nn, F, torch (safetensors) or optim.swaUtils (AveragedModel, updateBn)', () => {
    const placed = new Set([...keys(nn), ...keys(torch), ...keys(optim.swaUtils)]);
    for (const k of keys(optim.swaUtils).filter((k) => k in layersPkg)) {
      expect((optim.swaUtils as Record<string, unknown>)[k], k).toBe((layersPkg as Record<string, unknown>)[k]);
    }
    expect(keys(layersPkg).filter((k) => !placed.has(k))).toEqual([]);
    expect(keys(layersPkg.functional).filter((k) => !(k in F))).toEqual([]);
    for (const k of keys(layersPkg.functional)) expect((F as Record<string, unknown>)[k], k).toBe((layersPkg.functional as Record<string, unknown>)[k]);
  });

  it('@torchlet/losses: every function is in F, every module class in nn', () => {
    for (const k of keys(lossesPkg)) {
      const target = /^[A-Z]/.test(k) ? nn : F;
      expect((target as Record<string, unknown>)[k], k).toBe((lossesPkg as Record<string, unknown>)[k]);
    }
  });

  it('@torchlet/optim: every value is in optim, schedulers under optim.lrScheduler only', () => {
    const schedulers = new Set(keys(optimPkg.lrScheduler));
    for (const k of keys(optimPkg)) {
      if (schedulers.has(k)) expect(k in optim, `${k} only under lrScheduler`).toBe(false);
      else if (k === 'swaUtils') {
        // torch.optim.swa_utils: @torchlet/optim's SWALR with nn-layers' AveragedModel and updateBn
        for (const s of keys(optimPkg.swaUtils)) expect((optim.swaUtils as Record<string, unknown>)[s], s).toBe((optimPkg.swaUtils as Record<string, unknown>)[s]);
      }
      else expect((optim as Record<string, unknown>)[k], k).toBe((optimPkg as Record<string, unknown>)[k]);
    }
  });

  it('@torchlet/tensor-core: the Tensor, creation, ops, dtypes, errors and helpers in torch, backends in torch.backends', () => {
    const placed = new Set([...keys(torch), ...keys(torch.backends)]);
    expect(keys(corePkg).filter((k) => !placed.has(k))).toEqual([]);
    for (const k of keys(torch.backends)) expect((torch.backends as Record<string, unknown>)[k], k).toBe((corePkg as Record<string, unknown>)[k]);
    for (const k of keys(corePkg).filter((k) => k in torch && !CREATION.includes(k))) {
      expect((torch as Record<string, unknown>)[k], k).toBe((corePkg as Record<string, unknown>)[k]);
    }
    for (const k of ['DTYPES', 'DEFAULT_DTYPE', 'isDType', 'isFloatingDType', 'promoteTypes', 'broadcastShapes', 'TorchletError', 'ShapeError', 'DTypeError', 'IndexError', 'ValueError']) {
      expect((torch as Record<string, unknown>)[k], k).toBe((corePkg as Record<string, unknown>)[k]);
    }
  });
});

describe('dtypes', () => {
  it('PyTorch names and aliases are the dtype strings', () => {
    expect([torch.float32, torch.float64, torch.int64, torch.int32, torch.bool]).toEqual(['float32', 'float64', 'int64', 'int32', 'bool']);
    expect([torch.float, torch.double, torch.long, torch.int]).toEqual(['float32', 'float64', 'int64', 'int32']);
    expect(torch.zeros([2], { dtype: torch.double }).dtype).toBe('float64');
  });
});
