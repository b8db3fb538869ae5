import type { Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { CreationOptions } from './creation.js';
import { notImplemented } from './not-implemented.js';

/** A seeded random stream (torch's CPU generator: mt19937). */
export class Generator {
  manualSeed(seed: number): this { return notImplemented('Generator.manualSeed'); }
  initialSeed(): number { return notImplemented('Generator.initialSeed'); }
}

export interface RandomOptions extends CreationOptions {
  generator?: Generator;
}

export function defaultGenerator(): Generator { return notImplemented('defaultGenerator'); }
/** Seed the default generator (torch.manual_seed). */
export function manualSeed(seed: number): Generator { return notImplemented('manualSeed'); }
export function rand(shape: Shape | number, options?: RandomOptions): Tensor { return notImplemented('rand'); }
export function randn(shape: Shape | number, options?: RandomOptions): Tensor { return notImplemented('randn'); }
/** Integers in [low, high); int64 by default. */
export function randint(low: number, high: number, shape: Shape | number, options?: RandomOptions): Tensor { return notImplemented('randint'); }
/** A random permutation of 0..n-1; int64 by default. */
export function randperm(n: number, options?: RandomOptions): Tensor { return notImplemented('randperm'); }
export function randLike(like: Tensor, options?: RandomOptions): Tensor { return notImplemented('randLike'); }
export function randnLike(like: Tensor, options?: RandomOptions): Tensor { return notImplemented('randnLike'); }
export function uniform_(x: Tensor, from: number, to: number, generator?: Generator): void { notImplemented('uniform_'); }
export function normal_(x: Tensor, mean: number, std: number, generator?: Generator): void { notImplemented('normal_'); }
export function bernoulli_(x: Tensor, p: number, generator?: Generator): void { notImplemented('bernoulli_'); }
