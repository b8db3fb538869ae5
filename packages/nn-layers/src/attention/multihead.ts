// MultiheadAttention (torch.nn.MultiheadAttention): attention over numHeads heads of size E / numHeads.
// Parameters as PyTorch names them: in_proj_weight [3E, E] (or q_proj_weight, k_proj_weight,
// v_proj_weight when kdim or vdim differ from E), in_proj_bias [3E], bias_k and bias_v [1, 1, E]
// (addBiasKV), out_proj (a Linear); initialised in PyTorch's order, so manualSeed gives its weights.
import { ValueError, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { checkNumber, checkOptions } from '../functional/util.js';
import { constant_, xavierNormal_, xavierUniform_ } from '../init.js';
import { checkSize, Linear } from '../layers/linear.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkHeads, multiHeadAttention } from './attention.js';

/**
 * What the `MultiheadAttention` constructor takes besides its sizes: dropout, biases, key/value sizes, layout and dtype.
 *
 * @pytorch the keyword arguments of torch.nn.MultiheadAttention
 * @example
 * ```ts
 * const options: MultiheadAttentionOptions = { dropout: 0.1, kdim: 8, vdim: 8 };
 * const attention = new MultiheadAttention(16, 4, options);
 * ```
 */
export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights, in training (default 0). */
  dropout?: number;
  /** Biases of the in- and out-projections (default true). */
  bias?: boolean;
  /** Learned key and value rows appended to the keys and values (default false). */
  addBiasKV?: boolean;
  /** A zero key and value row appended after them (default false). */
  addZeroAttn?: boolean;
  /** Feature size of the keys (default embedDim). */
  kdim?: number | null;
  /** Feature size of the values (default embedDim). */
  vdim?: number | null;
  /** Inputs and output are [N, L, E] (default false: [L, N, E]). */
  batchFirst?: boolean;
  dtype?: DType;
}

/**
 * What `MultiheadAttention.forward` takes besides query, key and value: masks and whether to return (averaged) weights.
 *
 * @pytorch the keyword arguments of torch.nn.MultiheadAttention.forward
 * @example
 * ```ts
 * const attention = new MultiheadAttention(16, 4);
 * const x = randn([5, 2, 16]); // (L, N, E)
 * const options: MultiheadAttentionForwardOptions = { needWeights: false };
 * const [output] = attention.forward(x, x, x, options);
 * ```
 */
export interface MultiheadAttentionForwardOptions {
  /** [N, S] (or [S]): true (or a float added to the scores) for keys to ignore. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** [L, S] or [N * heads, L, S]: true forbids a position, a float is added to its score. */
  attnMask?: Tensor | null;
  /** Average the returned weights over the heads (default true); false returns [N, heads, L, S]. */
  averageAttnWeights?: boolean;
}

/**
 * Multi-head scaled dot-product attention with input and output projections.
 *
 * @pytorch torch.nn.MultiheadAttention
 * @example
 * ```ts
 * const attention = new MultiheadAttention(16, 4, { batchFirst: true });
 * const x = randn([2, 5, 16]);
 * const [output, weights] = attention.forward(x, x, x); // [2, 5, 16], [2, 5, 5]
 * ```
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly addZeroAttn: boolean;

  constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    checkOptions('MultiheadAttention', options, ['dropout', 'bias', 'addBiasKV', 'addZeroAttn', 'kdim', 'vdim', 'batchFirst', 'dtype']);
    checkSize('MultiheadAttention', 'embed_dim', embedDim);
    checkHeads(embedDim, numHeads);
    const p = options.dropout ?? 0;
    checkNumber('MultiheadAttention', 'dropout', p);
    if (!(p >= 0 && p <= 1)) throw new ValueError(`MultiheadAttention(): dropout probability has to be between 0 and 1, but got ${p}`);
    this.embedDim = embedDim;
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    checkSize('MultiheadAttention', 'kdim', this.kdim);
    checkSize('MultiheadAttention', 'vdim', this.vdim);
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.dropout = p;
    this.batchFirst = options.batchFirst ?? false;
    this.addZeroAttn = options.addZeroAttn ?? false;
    const dtype = options.dtype ?? 'float32';
    const bias = options.bias ?? true;
    const param = (shape: number[]) => new Parameter(zeros(shape, { dtype }));
    if (this.sameEmbedDim) {
      this.registerParameter('in_proj_weight', param([3 * embedDim, embedDim]));
      for (const n of ['q_proj_weight', 'k_proj_weight', 'v_proj_weight']) this.registerParameter(n, null);
    } else {
      this.registerParameter('q_proj_weight', param([embedDim, embedDim]));
      this.registerParameter('k_proj_weight', param([embedDim, this.kdim]));
      this.registerParameter('v_proj_weight', param([embedDim, this.vdim]));
      this.registerParameter('in_proj_weight', null);
    }
    this.registerParameter('in_proj_bias', bias ? param([3 * embedDim]) : null);
    this.registerModule('out_proj', new Linear(embedDim, embedDim, { bias, dtype }));
    const biasKV = options.addBiasKV ?? false;
    this.registerParameter('bias_k', biasKV ? param([1, 1, embedDim]) : null);
    this.registerParameter('bias_v', biasKV ? param([1, 1, embedDim]) : null);
    this.resetParameters();
  }

  /** kdim and vdim equal embedDim: one packed in_proj_weight. */
  get sameEmbedDim(): boolean {
    return this.kdim === this.embedDim && this.vdim === this.embedDim;
  }

  get outProj(): Linear {
    return this.getSubmodule('out_proj') as Linear;
  }

  private param(name: string): Parameter | null {
    return this.getParameter(name);
  }

  /** PyTorch's _reset_parameters (after out_proj's own Linear init): xavier-uniform projections, zero biases, xavier-normal bias_k / bias_v. */
  resetParameters(): void {
    for (const n of this.sameEmbedDim ? ['in_proj_weight'] : ['q_proj_weight', 'k_proj_weight', 'v_proj_weight']) xavierUniform_(this.param(n) as Parameter);
    const inBias = this.param('in_proj_bias');
    if (inBias) {
      constant_(inBias, 0);
      constant_(this.outProj.bias as Parameter, 0);
    }
    for (const n of ['bias_k', 'bias_v']) {
      const b = this.param(n);
      if (b) xavierNormal_(b);
    }
  }

  /**
   * [attention output, attention weights or null]. query [L, N, E], key [S, N, kdim], value
   * [S, N, vdim] ([N, L, E], ... with batchFirst; [L, E], ... unbatched). Weights [N, L, S]
   * (averaged over heads) or [N, heads, L, S].
   */
  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForwardOptions = {}): [Tensor, Tensor | null] {
    checkOptions('MultiheadAttention.forward', options, ['keyPaddingMask', 'needWeights', 'attnMask', 'averageAttnWeights']);
    let [q, k, v] = [query, key, value];
    const flip = this.batchFirst && query.ndim === 3;
    if (flip) {
      // keep the identities that pick the packed in-projection (PyTorch does the same)
      q = query.transpose(1, 0);
      k = key === query ? q : key.transpose(1, 0);
      v = value === key ? k : value === query ? q : value.transpose(1, 0);
    }
    const [output, weights] = multiHeadAttention(
      q,
      k,
      v,
      this.embedDim,
      {
        inProjWeight: this.param('in_proj_weight'),
        qProjWeight: this.param('q_proj_weight'),
        kProjWeight: this.param('k_proj_weight'),
        vProjWeight: this.param('v_proj_weight'),
        inProjBias: this.param('in_proj_bias'),
        biasK: this.param('bias_k'),
        biasV: this.param('bias_v'),
        outProjWeight: this.outProj.weight,
        outProjBias: this.outProj.bias,
      },
      {
        numHeads: this.numHeads,
        addZeroAttn: this.addZeroAttn,
        dropoutP: this.dropout,
        training: this.training,
        keyPaddingMask: options.keyPaddingMask ?? null,
        attnMask: options.attnMask ?? null,
        needWeights: options.needWeights ?? true,
        averageAttnWeights: options.averageAttnWeights ?? true,
      },
    );
    return [flip ? output.transpose(1, 0) : output, weights];
  }
}
