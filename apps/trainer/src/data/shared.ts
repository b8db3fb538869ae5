// The trainer's data pipeline without Node: what a page (apps/playground) imports as
// `@torchlet/trainer/data`. The loaders that read the `mnist` package with Node's require stay in
// digits.ts; here the digits come from its classes however they were fetched.
export { loadIris } from './iris.js';
export { digitsFromMnist, DIGIT_SIDE } from './mnist.js';
export type { MnistDigit } from './mnist.js';
export { prepareSplit } from './prepare.js';
export { splitDataset } from './split.js';
export type { Split, SplitOptions } from './split.js';
export { Rng, deriveSeed, epochOrder } from './rng.js';
export { classCounts, sampleCount, sampleSize, subset } from './types.js';
export type { Dataset } from './types.js';
