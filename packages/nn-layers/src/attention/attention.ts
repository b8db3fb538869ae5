// The computation of torch.nn.functional.multi_head_attention_forward (PyTorch 1.13), step for step:
// in-projections, masks merged into one additive float mask, scaled dot products per head (one
// batched matmul over batch * heads), softmax, dropout, weighted values, out-projection.
import { DTypeError, ShapeError, ValueError, cat, zeros, type Tensor } from '@torchlet/tensor-core';
import { dropout } from '../functional/dropout.js';
import { linear } from '../functional/linear.js';
import { pad } from '../functional/padding.js';

export interface AttentionWeights {
  /** [3E, E] packed q, k, v projections, or null with separate ones. */
  inProjWeight: Tensor | null;
  qProjWeight: Tensor | null;
  kProjWeight: Tensor | null;
  vProjWeight: Tensor | null;
  inProjBias: Tensor | null;
  biasK: Tensor | null;
  biasV: Tensor | null;
  outProjWeight: Tensor;
  outProjBias: Tensor | null;
}

export interface AttentionCall {
  numHeads: number;
  addZeroAttn: boolean;
  dropoutP: number;
  training: boolean;
  keyPaddingMask: Tensor | null;
  attnMask: Tensor | null;
  needWeights: boolean;
  averageAttnWeights: boolean;
}

const size = (t: Tensor): string => `[${t.shape.join(', ')}]`;

function checkMask(name: string, mask: Tensor | null): void {
  if (mask && mask.dtype !== 'bool' && mask.dtype !== 'float32' && mask.dtype !== 'float64') {
    throw new DTypeError(`MultiheadAttention: only bool and floating types of ${name} are supported, got ${mask.dtype}`);
  }
}

/** q, k, v projections: one product for self-attention (PyTorch's _in_projection_packed), else one each. */
function inProjection(query: Tensor, key: Tensor, value: Tensor, w: AttentionWeights, e: number): [Tensor, Tensor, Tensor] {
  const [bq, bk, bv] = w.inProjBias ? w.inProjBias.chunk(3) : [null, null, null];
  if (!w.inProjWeight) {
    return [linear(query, w.qProjWeight as Tensor, bq), linear(key, w.kProjWeight as Tensor, bk), linear(value, w.vProjWeight as Tensor, bv)];
  }
  if (key === value && query === key) {
    const [q, k, v] = linear(query, w.inProjWeight, w.inProjBias).chunk(3, -1);
    return [q, k, v];
  }
  if (key === value) {
    const wq = w.inProjWeight.narrow(0, 0, e);
    const wkv = w.inProjWeight.narrow(0, e, 2 * e);
    const [k, v] = linear(key, wkv, w.inProjBias ? w.inProjBias.narrow(0, e, 2 * e) : null).chunk(2, -1);
    return [linear(query, wq, w.inProjBias ? w.inProjBias.narrow(0, 0, e) : null), k, v];
  }
  const [wq, wk, wv] = w.inProjWeight.chunk(3);
  return [linear(query, wq, bq), linear(key, wk, bk), linear(value, wv, bv)];
}

/** [L, N, E] query, [S, N, kdim] key, [S, N, vdim] value (or unbatched [L, E], ...) -> [output, weights | null]. */
export function multiHeadAttention(query: Tensor, key: Tensor, value: Tensor, embedDim: number, w: AttentionWeights, a: AttentionCall): [Tensor, Tensor | null] {
  const name = 'MultiheadAttention';
  const batched = query.ndim === 3;
  if (query.ndim !== 2 && query.ndim !== 3) throw new ShapeError(`${name}: query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D query tensor`);
  if (key.ndim !== query.ndim || value.ndim !== query.ndim) {
    throw new ShapeError(`${name}: expected key and value to be ${query.ndim}-D like the query, got ${key.ndim}-D and ${value.ndim}-D`);
  }
  checkMask('key_padding_mask', a.keyPaddingMask);
  checkMask('attn_mask', a.attnMask);
  if (a.keyPaddingMask && a.keyPaddingMask.ndim !== (batched ? 2 : 1)) {
    throw new ShapeError(`${name}: expected key_padding_mask to be ${batched ? 2 : 1}-D, got ${a.keyPaddingMask.ndim}-D`);
  }
  let q0 = query;
  let k0 = key;
  let v0 = value;
  let kpm = a.keyPaddingMask;
  if (!batched) {
    // keep self-attention's identities (query === key === value) through the unsqueeze
    q0 = query.unsqueeze(1);
    k0 = key === query ? q0 : key.unsqueeze(1);
    v0 = value === key ? k0 : value === query ? q0 : value.unsqueeze(1);
    kpm = kpm ? kpm.unsqueeze(0) : null;
  }
  const [tgtLen, bsz, e] = q0.shape;
  if (e !== embedDim) throw new ShapeError(`${name}: was expecting embedding dimension of ${embedDim}, but got ${e}`);
  const heads = a.numHeads;
  const headDim = Math.floor(e / heads);
  if (w.inProjWeight ? k0.shape.join() !== v0.shape.join() : k0.shape[0] !== v0.shape[0] || k0.shape[1] !== v0.shape[1]) {
    throw new ShapeError(`${name}: key shape ${size(k0)} does not match value shape ${size(v0)}`);
  }
  if (k0.shape[1] !== bsz) throw new ShapeError(`${name}: key batch size ${k0.shape[1]} does not match the query's ${bsz}`);
  let [q, k, v] = inProjection(q0, k0, v0, w, e);
  const srcLen0 = k0.shape[0];

  let mask = a.attnMask;
  if (mask) {
    if (mask.ndim === 2) {
      if (mask.shape[0] !== tgtLen || mask.shape[1] !== srcLen0) throw new ShapeError(`${name}: The shape of the 2D attn_mask is ${size(mask)}, but should be [${tgtLen}, ${srcLen0}].`);
      mask = mask.unsqueeze(0);
    } else if (mask.ndim === 3) {
      if (mask.shape[0] !== bsz * heads || mask.shape[1] !== tgtLen || mask.shape[2] !== srcLen0) {
        throw new ShapeError(`${name}: The shape of the 3D attn_mask is ${size(mask)}, but should be [${bsz * heads}, ${tgtLen}, ${srcLen0}].`);
      }
    } else throw new ShapeError(`${name}: attn_mask's dimension ${mask.ndim} is not supported`);
  }
  if (w.biasK && w.biasV) {
    k = cat([k, w.biasK.expand([1, bsz, e])]);
    v = cat([v, w.biasV.expand([1, bsz, e])]);
    if (mask) mask = pad(mask, [0, 1]);
    if (kpm) kpm = pad(kpm, [0, 1]);
  }
  // heads: [L, N, E] -> [N * heads, L, headDim]
  q = q.contiguous().view([tgtLen, bsz * heads, headDim]).transpose(0, 1);
  k = k.contiguous().view([k.shape[0], bsz * heads, headDim]).transpose(0, 1);
  v = v.contiguous().view([v.shape[0], bsz * heads, headDim]).transpose(0, 1);
  if (a.addZeroAttn) {
    k = cat([k, zeros([bsz * heads, 1, headDim], { dtype: k.dtype, device: k.device })], 1);
    v = cat([v, zeros([bsz * heads, 1, headDim], { dtype: v.dtype, device: v.device })], 1);
    if (mask) mask = pad(mask, [0, 1]);
    if (kpm) kpm = pad(kpm, [0, 1]);
  }
  const srcLen = k.shape[1];
  if (kpm) {
    if (kpm.shape[0] !== bsz || kpm.shape[1] !== srcLen) throw new ShapeError(`${name}: expecting key_padding_mask shape of [${bsz}, ${srcLen}], but got ${size(kpm)}`);
    const perHead = kpm.view([bsz, 1, 1, srcLen]).expand([bsz, heads, 1, srcLen]).reshape([bsz * heads, 1, srcLen]);
    if (!mask) mask = perHead;
    else if (mask.dtype === 'bool') mask = mask.logicalOr(perHead.dtype === 'bool' ? perHead : perHead.ne(0));
    else mask = mask.maskedFill(perHead.dtype === 'bool' ? perHead : perHead.ne(0), Number.NEGATIVE_INFINITY);
  }
  // a boolean mask becomes an additive one: -inf where true
  if (mask && mask.dtype === 'bool') mask = zeros(mask.shape, { dtype: q.dtype, device: q.device }).maskedFill(mask, Number.NEGATIVE_INFINITY);
  const p = a.training ? a.dropoutP : 0;
  // softmax(q k^T / sqrt(headDim) + mask) v
  const scores = q.div(Math.sqrt(headDim)).matmul(k.transpose(-2, -1));
  let weights = (mask ? scores.add(mask) : scores).softmax(-1);
  if (p > 0) weights = dropout(weights, { p, training: true });
  const heads2d = weights.matmul(v).transpose(0, 1).contiguous().view([tgtLen * bsz, e]);
  let output = linear(heads2d, w.outProjWeight, w.outProjBias).view([tgtLen, bsz, w.outProjWeight.shape[0]]);
  if (!batched) output = output.squeeze(1);
  if (!a.needWeights) return [output, null];
  let out = weights.view([bsz, heads, tgtLen, srcLen]);
  if (a.averageAttnWeights) out = out.sum(1).div(heads);
  return [output, batched ? out : out.squeeze(0)];
}

/** The error PyTorch's constructor raises when heads do not divide the embedding. */
export function checkHeads(embedDim: number, numHeads: number): void {
  if (!Number.isInteger(numHeads) || numHeads < 1 || Math.floor(embedDim / numHeads) * numHeads !== embedDim) {
    throw new ValueError(`MultiheadAttention(): embed_dim must be divisible by num_heads (got embed_dim=${embedDim}, num_heads=${String(numHeads)})`);
  }
}
