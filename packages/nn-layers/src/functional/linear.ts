// linear (torch.nn.functional.linear): y = x W^T + b over the last dim of x.
import { ShapeError, type Tensor } from '@torchlet/tensor-core';
import { ops } from '@torchlet/tensor-core/internal';
import { checkFloat, checkSameDType, shapeText } from './util.js';

export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkFloat('linear', 'input', input);
  checkSameDType('linear', 'weight', input, weight);
  checkSameDType('linear', 'bias', input, bias);
  if (weight.ndim !== 2) throw new ShapeError(`linear(): expected a 2-D weight, got size ${shapeText(weight.shape)}`);
  if (input.ndim < 1 || input.shape[input.ndim - 1] !== weight.shape[1]) {
    throw new ShapeError(
      `linear(): mat1 and mat2 shapes cannot be multiplied (input of size ${shapeText(input.shape)}, weight of size ${shapeText(weight.shape)}: the input's last dim must be ${weight.shape[1]})`,
    );
  }
  // a batch of rows with a bias: one fused addmm (bias + x @ w.t()), as PyTorch's linear does; through
  // the installed op table, so it records AddmmBackward0 when an input requires grad
  if (bias && input.ndim === 2 && bias.ndim === 1 && bias.shape[0] === weight.shape[0]) return ops().addmm(bias, input, weight.t());
  const y = input.matmul(weight.t());
  return bias ? y.add(bias) : y;
}
