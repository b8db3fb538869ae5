// In-place ops of the replay registry (see ops.ts): each returns what the method returned, and
// the replay checks that this is the operand itself.
import type { OpFn } from './ops.js';
import { t, tOrNum } from './operands.js';
import { num, optNum } from './kwargs.js';

const alphaOpt = (kw: Parameters<OpFn>[1]) => (kw.alpha === undefined ? undefined : { alpha: num(kw, 'alpha') });

export const INPLACE_OPS: Record<string, OpFn> = {
  add_: (a, kw) => t(a, 0).add_(tOrNum(a, 1), alphaOpt(kw)),
  sub_: (a, kw) => t(a, 0).sub_(tOrNum(a, 1), alphaOpt(kw)),
  mul_: (a) => t(a, 0).mul_(tOrNum(a, 1)),
  div_: (a) => t(a, 0).div_(tOrNum(a, 1)),
  pow_: (a) => t(a, 0).pow_(tOrNum(a, 1)),
  addcmul_: (a, kw) => t(a, 0).addcmul_(t(a, 1), t(a, 2), optNum(kw, 'value')),
  addcdiv_: (a, kw) => t(a, 0).addcdiv_(t(a, 1), t(a, 2), optNum(kw, 'value')),
  lerp_: (a) => t(a, 0).lerp_(t(a, 1), tOrNum(a, 2)),
  maximum_: (a) => t(a, 0).maximum_(t(a, 1)),
  neg_: (a) => t(a, 0).neg_(),
  sqrt_: (a) => t(a, 0).sqrt_(),
  exp_: (a) => t(a, 0).exp_(),
  clamp_: (a, kw) => t(a, 0).clamp_(optNum(kw, 'min'), optNum(kw, 'max')),
  zero_: (a) => t(a, 0).zero_(),
  fill_: (a, kw) => t(a, 0).fill_(num(kw, 'value')),
  copy_: (a) => t(a, 0).copy_(t(a, 1)),
  maskedFill_: (a, kw) => t(a, 0).maskedFill_(t(a, 1), num(kw, 'value')),
};

/** `clone.<op>`: the in-place op applied to `x.clone()` (a non-leaf), so gradients flow through it. */
export const CLONE_INPLACE_OPS: Record<string, OpFn> = Object.fromEntries(
  Object.entries(INPLACE_OPS).map(([name, fn]): [string, OpFn] => [
    `clone.${name}`,
    (a, kw) => fn([t(a, 0).clone(), ...a.slice(1)], kw),
  ]),
);
