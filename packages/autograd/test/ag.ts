// One namespace for the tests: tensor-core's Tensor, creation functions and ops, with autograd's API.
export * from '@torchlet/tensor-core';
export * from '../src/index.js';
