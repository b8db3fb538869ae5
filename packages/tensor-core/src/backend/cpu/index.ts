import type { Backend } from '../backend.js';
import { copyInto } from './strided.js';

function notImplemented(kernel: string): never {
  throw new Error(`cpu backend: kernel '${kernel}' is not implemented yet`);
}

/** The reference backend: plain TypeScript over typed arrays. */
export const cpuBackend: Backend = {
  name: 'cpu',
  unary: (op, x, out) => (op === 'copy' ? copyInto(x, out) : notImplemented(`unary ${op}`)),
  binary: () => notImplemented('binary'),
  binaryScalar: () => notImplemented('binaryScalar'),
  clamp: () => notImplemented('clamp'),
  softplus: () => notImplemented('softplus'),
  where: () => notImplemented('where'),
  reduce: () => notImplemented('reduce'),
  variance: () => notImplemented('variance'),
  argReduce: () => notImplemented('argReduce'),
  matmul: () => notImplemented('matmul'),
  softmax: () => notImplemented('softmax'),
  gather: () => notImplemented('gather'),
  scatter: () => notImplemented('scatter'),
  indexSelect: () => notImplemented('indexSelect'),
};
