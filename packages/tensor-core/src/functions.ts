// The differentiable ops as functions (`torch.add(a, b)`): each calls the installed op table, as
// Tensor's methods do, so that both record the graph when @torchlet/autograd is installed.
import { ops } from './dispatch.js';
import type { OpName, OpTable } from './ops/table.js';
import { shapeFromArgs } from './ops/views.js';
import type { MaxMinResult, ShapeArgs, Tensor } from './tensor.js';

function dispatched<K extends OpName>(name: K): OpTable[K] {
  return ((...args: unknown[]) => (ops()[name] as (...a: unknown[]) => unknown)(...args)) as OpTable[K];
}

// elementwise
/**
 * Elementwise sum with broadcasting: `a + alpha * b`.
 *
 * @pytorch torch.add
 * @example
 * ```ts
 * const a = tensor([1, 2, 3]);
 * const b = add(a, tensor([10, 20, 30])); // [11, 22, 33]
 * const c = add(a, 1, { alpha: 2 }); // [3, 4, 5]
 * ```
 */
export const add = /* @__PURE__ */ dispatched('add');
/**
 * Elementwise difference with broadcasting: `a - alpha * b`.
 *
 * @pytorch torch.sub
 * @example
 * ```ts
 * const a = tensor([5, 6, 7]);
 * const b = sub(a, tensor([1, 1, 1])); // [4, 5, 6]
 * ```
 */
export const sub = /* @__PURE__ */ dispatched('sub');
/**
 * Elementwise product with broadcasting.
 *
 * @pytorch torch.mul
 * @example
 * ```ts
 * const a = randn([2, 3]);
 * const b = mul(a, 2); // a * 2
 * const c = mul(a, randn([3])); // broadcast over rows
 * ```
 */
export const mul = /* @__PURE__ */ dispatched('mul');
/**
 * True division (integer inputs give float32).
 *
 * @pytorch torch.div
 * @example
 * ```ts
 * const a = tensor([1, 2, 3]);
 * const b = div(a, 2); // float32 [0.5, 1, 1.5]
 * ```
 */
export const div = /* @__PURE__ */ dispatched('div');
/**
 * Elementwise power with broadcasting: `a ** b`.
 *
 * @pytorch torch.pow
 * @example
 * ```ts
 * const x = tensor([1, 2, 3], { dtype: 'float32' });
 * const squares = pow(x, 2); // [1, 4, 9]
 * ```
 */
export const pow = /* @__PURE__ */ dispatched('pow');
/**
 * Elementwise maximum of two tensors, with broadcasting (NaN wins, as PyTorch).
 *
 * @pytorch torch.maximum
 * @example
 * ```ts
 * const m = maximum(tensor([1, 5, 3]), tensor([4, 2, 6])); // [4, 5, 6]
 * ```
 */
export const maximum = /* @__PURE__ */ dispatched('maximum');
/**
 * Elementwise minimum of two tensors, with broadcasting (NaN wins, as PyTorch).
 *
 * @pytorch torch.minimum
 * @example
 * ```ts
 * const m = minimum(tensor([1, 5, 3]), tensor([4, 2, 6])); // [1, 2, 3]
 * ```
 */
export const minimum = /* @__PURE__ */ dispatched('minimum');
/**
 * Elementwise negation: `-x`.
 *
 * @pytorch torch.neg
 * @example
 * ```ts
 * const y = neg(tensor([1, -2])); // [-1, 2]
 * ```
 */
export const neg = /* @__PURE__ */ dispatched('neg');
/**
 * Elementwise exponential: `e^x`.
 *
 * @pytorch torch.exp
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = exp(x); // same as x.exp()
 * ```
 */
export const exp = /* @__PURE__ */ dispatched('exp');
/**
 * Elementwise natural logarithm.
 *
 * @pytorch torch.log
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = log(x); // same as x.log()
 * ```
 */
export const log = /* @__PURE__ */ dispatched('log');
/**
 * Elementwise `log(1 + x)`, accurate for small x.
 *
 * @pytorch torch.log1p
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = log1p(x); // same as x.log1p()
 * ```
 */
export const log1p = /* @__PURE__ */ dispatched('log1p');
/**
 * Elementwise `exp(x) - 1`, accurate for small x.
 *
 * @pytorch torch.expm1
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = expm1(x); // same as x.expm1()
 * ```
 */
export const expm1 = /* @__PURE__ */ dispatched('expm1');
/**
 * Elementwise square root.
 *
 * @pytorch torch.sqrt
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = sqrt(x); // same as x.sqrt()
 * ```
 */
export const sqrt = /* @__PURE__ */ dispatched('sqrt');
/**
 * 1 / sqrt(x)
 *
 * @pytorch torch.rsqrt
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = rsqrt(x); // same as x.rsqrt()
 * ```
 */
export const rsqrt = /* @__PURE__ */ dispatched('rsqrt');
/**
 * Elementwise absolute value.
 *
 * @pytorch torch.abs
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = abs(x); // same as x.abs()
 * ```
 */
export const abs = /* @__PURE__ */ dispatched('abs');
/**
 * Elementwise sign: -1, 0 or 1.
 *
 * @pytorch torch.sign
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = sign(x); // same as x.sign()
 * ```
 */
export const sign = /* @__PURE__ */ dispatched('sign');
/**
 * Clamps each element to [min, max] (either bound may be left out).
 *
 * @pytorch torch.clamp
 * @example
 * ```ts
 * const x = tensor([-2, 0.5, 3]);
 * const y = clamp(x, 0, 1); // [0, 0.5, 1]
 * const z = clamp(x, undefined, 1); // upper bound only
 * ```
 */
export const clamp = /* @__PURE__ */ dispatched('clamp');
/**
 * 1 / (1 + exp(-x))
 *
 * @pytorch torch.sigmoid
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = sigmoid(x); // same as x.sigmoid()
 * ```
 */
export const sigmoid = /* @__PURE__ */ dispatched('sigmoid');
/**
 * Elementwise hyperbolic tangent.
 *
 * @pytorch torch.tanh
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = tanh(x); // same as x.tanh()
 * ```
 */
export const tanh = /* @__PURE__ */ dispatched('tanh');
/**
 * The error function, 2/sqrt(pi) * integral of exp(-t^2) from 0 to x (torch.erf).
 *
 * @pytorch torch.erf
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = erf(x); // same as x.erf()
 * ```
 */
export const erf = /* @__PURE__ */ dispatched('erf');
/**
 * Elementwise rectified linear unit: `max(0, x)`.
 *
 * @pytorch torch.relu
 * @example
 * ```ts
 * const x = tensor([0.5, 1, 2]);
 * const y = relu(x); // same as x.relu()
 * ```
 */
export const relu = /* @__PURE__ */ dispatched('relu');
/**
 * Elementwise softplus: `log(1 + exp(beta x)) / beta`, linear where `beta x > threshold`.
 *
 * @pytorch torch.nn.functional.softplus
 * @example
 * ```ts
 * const x = tensor([-1, 0, 1], { dtype: 'float32' });
 * const y = softplus(x);
 * const sharper = softplus(x, 2, 20);
 * ```
 */
export const softplus = /* @__PURE__ */ dispatched('softplus');
/**
 * torch.where(condition, a, b) with broadcasting; condition must be bool.
 *
 * @pytorch torch.where
 * @example
 * ```ts
 * const x = tensor([-1, 2, -3]);
 * const y = where(x.gt(0), x, 0); // [0, 2, 0]
 * ```
 */
export const where = /* @__PURE__ */ dispatched('where');

// reductions
/**
 * Sum of all elements, or along `dim` (one or several), keeping the reduced dims when `keepdim`.
 *
 * @pytorch torch.sum
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * const total = sum(x); // 10
 * const rows = sum(x, 1); // [3, 7]
 * ```
 */
export const sum = /* @__PURE__ */ dispatched('sum');
/**
 * Mean of all elements, or along `dim` (one or several), keeping the reduced dims when `keepdim`.
 *
 * @pytorch torch.mean
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
 * const all = mean(x); // 2.5
 * const cols = mean(x, 0, true); // [[2, 3]]
 * ```
 */
export const mean = /* @__PURE__ */ dispatched('mean');
/**
 * Product of all elements, or along `dim`.
 *
 * @pytorch torch.prod
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * const p = prod(x); // 24
 * const rows = prod(x, 1); // [2, 12]
 * ```
 */
export const prod = /* @__PURE__ */ dispatched('prod');
/**
 * Variance with Bessel's `correction` (default 1). Named `variance` (`var` is reserved).
 *
 * @pytorch torch.var
 * @example
 * ```ts
 * const x = tensor([1, 2, 3, 4], { dtype: 'float32' });
 * const v = variance(x); // 1.6667 (unbiased)
 * const biased = variance(x, 0, { correction: 0 }); // 1.25
 * ```
 */
export const variance = /* @__PURE__ */ dispatched('variance');
/**
 * Standard deviation with Bessel's `correction` (default 1), of all elements or along `dim`.
 *
 * @pytorch torch.std
 * @example
 * ```ts
 * const x = tensor([1, 2, 3, 4], { dtype: 'float32' });
 * const s = std(x); // 1.291
 * const perRow = std(randn([3, 5]), 1);
 * ```
 */
export const std = /* @__PURE__ */ dispatched('std');
/**
 * Log of the sum of exponentials along `dim`, computed stably.
 *
 * @pytorch torch.logsumexp
 * @example
 * ```ts
 * const x = randn([2, 3]);
 * const lse = logsumexp(x, 1); // [2]
 * ```
 */
export const logsumexp = /* @__PURE__ */ dispatched('logsumexp');

/**
 * torch.max: the largest element, or `{ values, indices }` along `dim`.
 *
 * @pytorch torch.max
 * @example
 * ```ts
 * const x = tensor([[1, 5], [7, 2]]);
 * const largest = max(x); // 7
 * const { values, indices } = max(x, 1); // [5, 7], [1, 0]
 * ```
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return dim === undefined ? ops().maxAll(x) : ops().maxDim(x, dim, keepdim);
}

/**
 * torch.min: the smallest element, or `{ values, indices }` along `dim`.
 *
 * @pytorch torch.min
 * @example
 * ```ts
 * const x = tensor([[1, 5], [7, 2]]);
 * const smallest = min(x); // 1
 * const { values, indices } = min(x, 0); // [1, 2], [0, 1]
 * ```
 */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): MaxMinResult;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | MaxMinResult {
  return dim === undefined ? ops().minAll(x) : ops().minDim(x, dim, keepdim);
}

// views and shape (shapes as `view(x, 2, 3)` or `view(x, [2, 3])`)
/**
 * The tensor itself when its storage is row-major contiguous, else a contiguous copy.
 *
 * @pytorch torch.Tensor.contiguous
 * @example
 * ```ts
 * const y = contiguous(randn([2, 3]).t());
 * const same = y.isContiguous(); // true
 * ```
 */
export const contiguous = /* @__PURE__ */ dispatched('contiguous');
/**
 * The same data with a new shape (no copy); the tensor must be viewable as that shape. One size may be -1.
 *
 * @pytorch torch.Tensor.view
 * @example
 * ```ts
 * const x = randn([2, 6]);
 * const y = view(x, 3, 4);
 * const z = view(x, [-1, 2]); // [6, 2]
 * ```
 */
export function view(x: Tensor, ...shape: ShapeArgs): Tensor {
  return ops().view(x, shapeFromArgs(shape));
}
/**
 * The data with a new shape: a view when possible, else a copy. One size may be -1.
 *
 * @pytorch torch.reshape
 * @example
 * ```ts
 * const x = randn([2, 6]);
 * const y = reshape(x, [4, 3]);
 * const flat = reshape(x, -1); // [12]
 * ```
 */
export function reshape(x: Tensor, ...shape: ShapeArgs): Tensor {
  return ops().reshape(x, shapeFromArgs(shape));
}
/**
 * A view with the dims reordered.
 *
 * @pytorch torch.permute
 * @example
 * ```ts
 * const x = randn([2, 3, 4]);
 * const y = permute(x, 2, 0, 1); // [4, 2, 3]
 * ```
 */
export function permute(x: Tensor, ...dims: ShapeArgs): Tensor {
  return ops().permute(x, shapeFromArgs(dims));
}
/**
 * A view that repeats size-1 dims to a larger shape without copying (-1 keeps a size).
 *
 * @pytorch torch.Tensor.expand
 * @example
 * ```ts
 * const x = tensor([[1], [2]]);
 * const y = expand(x, 2, 3); // [[1, 1, 1], [2, 2, 2]]
 * ```
 */
export function expand(x: Tensor, ...shape: ShapeArgs): Tensor {
  return ops().expand(x, shapeFromArgs(shape));
}
/**
 * `expand(x, other.shape)`: a view of `x` broadcast to `other`'s shape.
 *
 * @pytorch torch.Tensor.expand_as
 * @example
 * ```ts
 * const bias = randn([3]);
 * const y = expandAs(bias, randn([4, 3])); // [4, 3]
 * ```
 */
export function expandAs(x: Tensor, other: Tensor): Tensor {
  return ops().expand(x, other.shape);
}
/**
 * A view with two dims swapped.
 *
 * @pytorch torch.transpose
 * @example
 * ```ts
 * const x = randn([2, 3, 4]);
 * const y = transpose(x, 0, 2); // [4, 3, 2]
 * ```
 */
export const transpose = /* @__PURE__ */ dispatched('transpose');
/**
 * The transpose of a matrix (a 0-d or 1-d tensor is returned as it is).
 *
 * @pytorch torch.t
 * @example
 * ```ts
 * const m = randn([2, 3]);
 * const mt = t(m); // [3, 2]
 * ```
 */
export const t = /* @__PURE__ */ dispatched('t');
/**
 * A view without size-1 dims: all of them, or only those named.
 *
 * @pytorch torch.squeeze
 * @example
 * ```ts
 * const x = randn([1, 3, 1]);
 * const a = squeeze(x); // [3]
 * const b = squeeze(x, 0); // [3, 1]
 * ```
 */
export const squeeze = /* @__PURE__ */ dispatched('squeeze');
/**
 * A view with a new size-1 dim at `dim`.
 *
 * @pytorch torch.unsqueeze
 * @example
 * ```ts
 * const x = randn([3]);
 * const row = unsqueeze(x, 0); // [1, 3]
 * const col = unsqueeze(x, -1); // [3, 1]
 * ```
 */
export const unsqueeze = /* @__PURE__ */ dispatched('unsqueeze');
/**
 * Flattens dims `startDim` to `endDim` into one (a view when possible).
 *
 * @pytorch torch.flatten
 * @example
 * ```ts
 * const x = randn([2, 3, 4]);
 * const all = flatten(x); // [24]
 * const perSample = flatten(x, 1); // [2, 12]
 * ```
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  return ops().flatten(x, startDim, endDim);
}
/**
 * Splits one dim into several sizes (a view).
 *
 * @pytorch torch.unflatten
 * @example
 * ```ts
 * const x = randn([2, 12]);
 * const y = unflatten(x, 1, [3, 4]); // [2, 3, 4]
 * ```
 */
export const unflatten = /* @__PURE__ */ dispatched('unflatten');
/**
 * A view of `length` positions of `dim` from `start`.
 *
 * @pytorch torch.narrow
 * @example
 * ```ts
 * const x = randn([4, 6]);
 * const y = narrow(x, 1, 2, 3); // columns 2..4: [4, 3]
 * ```
 */
export const narrow = /* @__PURE__ */ dispatched('narrow');
/**
 * Index one position along `dim`, removing that dim (`x[:, i]` is `select(x, 1, i)`).
 *
 * @pytorch torch.select
 * @example
 * ```ts
 * const x = randn([4, 6]);
 * const column = select(x, 1, 2); // x[:, 2]: [4]
 * ```
 */
export const select = /* @__PURE__ */ dispatched('select');
/**
 * Python's `x[start:end:step]` along `dim`; bounds clamp like Python.
 *
 * @pytorch torch.Tensor.__getitem__ with a slice (x[:, 1:5:2])
 * @example
 * ```ts
 * const x = randn([4, 6]);
 * const y = slice(x, 1, 1, 5, 2); // x[:, 1:5:2]: [4, 2]
 * ```
 */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  return ops().slice(x, dim, start, end, step);
}

// join and split
/**
 * Concatenates tensors along an existing dim.
 *
 * @pytorch torch.cat
 * @example
 * ```ts
 * const a = randn([2, 3]);
 * const b = randn([4, 3]);
 * const c = cat([a, b]); // [6, 3]
 * ```
 */
export const cat = /* @__PURE__ */ dispatched('cat');
/**
 * Stacks same-shape tensors along a new dim.
 *
 * @pytorch torch.stack
 * @example
 * ```ts
 * const rows = [randn([3]), randn([3])];
 * const m = stack(rows); // [2, 3]
 * const cols = stack(rows, 1); // [3, 2]
 * ```
 */
export const stack = /* @__PURE__ */ dispatched('stack');
/**
 * Splits into views of `splitSize` positions along `dim` (the last may be smaller), or of the sizes listed.
 *
 * @pytorch torch.split
 * @example
 * ```ts
 * const x = randn([5, 2]);
 * const [a, b, c] = split(x, 2); // [2, 2], [2, 2], [1, 2]
 * const parts = split(x, [1, 4]);
 * ```
 */
export const split = /* @__PURE__ */ dispatched('split');
/**
 * Splits into `chunks` views of nearly equal size along `dim`.
 *
 * @pytorch torch.chunk
 * @example
 * ```ts
 * const x = randn([6, 2]);
 * const [a, b, c] = chunk(x, 3); // three [2, 2]
 * ```
 */
export const chunk = /* @__PURE__ */ dispatched('chunk');
/**
 * The slices along `dim`, that dim removed.
 *
 * @pytorch torch.unbind
 * @example
 * ```ts
 * const x = randn([3, 4]);
 * const rows = unbind(x); // three [4]
 * ```
 */
export const unbind = /* @__PURE__ */ dispatched('unbind');

// linear algebra
/**
 * torch.matmul: 1-D dot / matrix-vector, 2-D, and batched with broadcast batch dims.
 *
 * @pytorch torch.matmul
 * @example
 * ```ts
 * const a = randn([2, 3]);
 * const b = randn([3, 4]);
 * const c = matmul(a, b); // [2, 4]
 * const batched = matmul(randn([5, 2, 3]), b); // [5, 2, 4]
 * ```
 */
export const matmul = /* @__PURE__ */ dispatched('matmul');
/**
 * Matrix product of two 2-d tensors (no broadcasting).
 *
 * @pytorch torch.mm
 * @example
 * ```ts
 * const c = mm(randn([2, 3]), randn([3, 4])); // [2, 4]
 * ```
 */
export const mm = /* @__PURE__ */ dispatched('mm');
/**
 * Batched matrix product of two 3-d tensors with the same batch size.
 *
 * @pytorch torch.bmm
 * @example
 * ```ts
 * const c = bmm(randn([5, 2, 3]), randn([5, 3, 4])); // [5, 2, 4]
 * ```
 */
export const bmm = /* @__PURE__ */ dispatched('bmm');

// indexing
/**
 * Picks values along `dim` at the int64 `index` positions: `out[i][j] = x[i][index[i][j]]` for dim 1.
 *
 * @pytorch torch.gather
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * const y = gather(x, 1, tensor([[0, 0], [1, 0]])); // [[1, 1], [4, 3]]
 * ```
 */
export const gather = /* @__PURE__ */ dispatched('gather');
/**
 * A copy of `x` with values written along `dim` at the `index` positions (a tensor `src` or one number).
 *
 * @pytorch torch.scatter
 * @example
 * ```ts
 * const x = zeros([2, 3]);
 * const y = scatter(x, 1, tensor([[2], [0]]), 1); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export const scatter = /* @__PURE__ */ dispatched('scatter');
/**
 * A copy of `x` with `src` added along `dim` at the `index` positions (repeated indices accumulate).
 *
 * @pytorch torch.scatter_add
 * @example
 * ```ts
 * const x = zeros([3]);
 * const y = scatterAdd(x, 0, tensor([0, 0, 2]), ones([3])); // [2, 0, 1]
 * ```
 */
export const scatterAdd = /* @__PURE__ */ dispatched('scatterAdd');
/**
 * The entries of `dim` at the int64 `index` positions, in that order.
 *
 * @pytorch torch.index_select
 * @example
 * ```ts
 * const x = randn([4, 3]);
 * const rows = indexSelect(x, 0, tensor([3, 0])); // rows 3 and 0: [2, 3]
 * ```
 */
export const indexSelect = /* @__PURE__ */ dispatched('indexSelect');
/**
 * A copy of `x` with `value` where the bool `mask` (broadcast) is true.
 *
 * @pytorch torch.Tensor.masked_fill
 * @example
 * ```ts
 * const scores = randn([2, 3]);
 * const mask = tensor([[false, false, true], [false, true, true]]);
 * const masked = maskedFill(scores, mask, -Infinity);
 * ```
 */
export const maskedFill = /* @__PURE__ */ dispatched('maskedFill');

// softmax
/**
 * Softmax along `dim`: `exp(x) / sum(exp(x))`, computed stably (optionally in another dtype first).
 *
 * @pytorch torch.softmax
 * @example
 * ```ts
 * const x = randn([2, 3]);
 * const p = softmax(x, 1); // rows sum to 1
 * ```
 */
export const softmax = /* @__PURE__ */ dispatched('softmax');
/**
 * Log-softmax along `dim`: `x - logsumexp(x)`, computed stably (optionally in another dtype first).
 *
 * @pytorch torch.log_softmax
 * @example
 * ```ts
 * const x = randn([2, 3]);
 * const logp = logSoftmax(x, 1);
 * ```
 */
export const logSoftmax = /* @__PURE__ */ dispatched('logSoftmax');

// conversion
/**
 * A copy converted to `dtype`; `x` itself when the dtype already matches (like PyTorch).
 *
 * @pytorch torch.Tensor.to (a dtype)
 * @example
 * ```ts
 * const x = tensor([1, 2, 3]); // int64
 * const y = to(x, 'float32');
 * ```
 */
export const to = /* @__PURE__ */ dispatched('to');
/**
 * A contiguous copy that shares no storage with `x` (differentiable: identity gradient).
 *
 * @pytorch torch.clone
 * @example
 * ```ts
 * const x = randn([3]);
 * const y = clone(x); // same values, own storage
 * ```
 */
export const clone = /* @__PURE__ */ dispatched('clone');
/**
 * A tensor sharing storage with `x`, cut from the graph.
 *
 * @pytorch torch.Tensor.detach
 * @example
 * ```ts
 * const h = randn([3]); // e.g. a hidden state computed with grad
 * const y = detach(h); // same storage, requiresGrad false, no gradFn
 * ```
 */
export function detach(x: Tensor): Tensor {
  return x.detach();
}
