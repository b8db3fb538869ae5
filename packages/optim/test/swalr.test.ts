// SWALR against its closed form derived here (lr_t = swaLr a(t) + lr_0 (1 - a(t)), t = min(1, step / E),
// a the cosine or linear anneal), its state dict and its argument checks.
import { describe, expect, it } from 'vitest';
import { ValueError } from '@torchlet/tensor-core';
import { SGD, swaUtils } from '../src/index.js';
import { param } from './helpers.js';

const { SWALR } = swaUtils;
const close = (a: number, e: number) => expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-12 + 1e-12 * Math.abs(e));
const sgd = (lrs = [0.1]) => new SGD(lrs.map((lr) => ({ params: [param([0])], lr })), { lr: 0.1 });
const cos = (t: number) => (1 - Math.cos(Math.PI * t)) / 2;

describe('SWALR', () => {
  it.each([
    ['cos', cos],
    ['linear', (t: number) => t],
  ] as const)('%s: anneals each group from its lr to its swaLr over annealEpochs, then holds', (strategy, a) => {
    const lrs = [0.4, 0.1];
    const swaLrs = [0.05, 0.2];
    const opt = sgd(lrs);
    const s = new SWALR(opt, { swaLr: swaLrs, annealEpochs: 4, annealStrategy: strategy });
    for (let step = 0; step <= 7; step++) {
      if (step > 0) s.step();
      const t = Math.min(1, step / 4);
      opt.paramGroups.forEach((g, i) => close(g.lr, swaLrs[i] * a(t) + lrs[i] * (1 - a(t))));
    }
    expect(opt.paramGroups.map((g) => g.swaLr)).toEqual(swaLrs);
  });

  it('annealEpochs 0 jumps to swaLr at once', () => {
    const opt = sgd([0.3]);
    new SWALR(opt, { swaLr: 0.07, annealEpochs: 0 });
    close(opt.paramGroups[0].lr, 0.07);
  });

  it('keeps its strategy in the state dict, not a function', () => {
    const s = new SWALR(sgd(), { swaLr: 0.01, annealStrategy: 'linear' });
    const sd = s.stateDict();
    expect(sd.annealStrategy).toBe('linear');
    expect(sd.annealEpochs).toBe(10);
    expect(Object.values(sd).some((v) => typeof v === 'function')).toBe(false);
  });

  it('refuses bad arguments, as PyTorch (ValueError naming the argument)', () => {
    expect(() => new SWALR(sgd([0.1, 0.2]), { swaLr: [0.1] })).toThrow(/swaLr/);
    expect(() => new SWALR(sgd(), { swaLr: 0.1, annealStrategy: 'exp' as never })).toThrow(/annealStrategy/);
    expect(() => new SWALR(sgd(), { swaLr: 0.1, annealEpochs: -1 })).toThrow(/annealEpochs/);
    expect(() => new SWALR(sgd(), { swaLr: 0.1, annealEpochs: 1.5 })).toThrow(ValueError);
    expect(() => new SWALR(sgd(), { swaLr: 0.1, anneal_epochs: 3 } as never)).toThrow(/anneal_epochs/);
    expect(() => new SWALR(sgd(), {} as never)).toThrow(/swaLr/);
  });
});
