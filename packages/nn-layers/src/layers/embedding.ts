// Embedding (torch.nn.Embedding): a lookup table of `numEmbeddings` vectors of size `embeddingDim`;
// the paddingIdx row starts at zero and gets no gradient.
import { noGrad } from '@torchlet/autograd';
import { zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { embedding, resolvePaddingIdx } from '../functional/embedding.js';
import { normal_ } from '../init.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { checkSize } from './linear.js';
import { checkOptions } from '../functional/util.js';
import { pyFloat } from './repr.js';

/**
 * What the `Embedding` constructor takes besides its sizes: PyTorch's keyword arguments in camelCase, with its defaults.
 *
 * @pytorch the keyword arguments of torch.nn.Embedding
 * @example
 * ```ts
 * const options: EmbeddingOptions = { paddingIdx: 0, maxNorm: 1 };
 * const embedding = new Embedding(100, 16, options);
 * ```
 */
export interface EmbeddingOptions {
  /** A row that maps to zeros and is not updated (negative counts from the end). */
  paddingIdx?: number | null;
  /** Renormalise each looked-up row to norm <= maxNorm first, in place (PyTorch's max_norm). */
  maxNorm?: number | null;
  /** The p of the norm for maxNorm (default 2). */
  normType?: number;
  dtype?: DType;
}

/**
 * A lookup table: maps integer indices to learned vectors (rows of `weight`).
 *
 * @pytorch torch.nn.Embedding
 * @example
 * ```ts
 * const layer = new Embedding(10, 4, { paddingIdx: 0 });
 * const y = layer.forward(tensor([[1, 2, 0]])); // shape [1, 3, 4]
 * ```
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  /** The padding row, normalised to [0, numEmbeddings), or null. */
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    checkOptions('Embedding', options, ['paddingIdx', 'maxNorm', 'normType', 'dtype']);
    checkSize('Embedding', 'num_embeddings', numEmbeddings);
    checkSize('Embedding', 'embedding_dim', embeddingDim);
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = resolvePaddingIdx(options.paddingIdx, numEmbeddings);
    this.maxNorm = options.maxNorm ?? null;
    this.normType = options.normType ?? 2;
    this.registerParameter('weight', new Parameter(zeros([numEmbeddings, embeddingDim], { dtype: options.dtype ?? 'float32' })));
    this.resetParameters();
  }

  get weight(): Parameter {
    return this.getParameter('weight') as Parameter;
  }

  /** PyTorch's init: N(0, 1), then the padding row set to zero. */
  resetParameters(): void {
    normal_(this.weight);
    const padding = this.paddingIdx;
    if (padding !== null) noGrad(() => this.weight.select(0, padding).zero_());
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.paddingIdx, this.maxNorm, this.normType);
  }

  override extraRepr(): string {
    const extra = [
      this.paddingIdx !== null ? `padding_idx=${this.paddingIdx}` : null,
      this.maxNorm !== null ? `max_norm=${pyFloat(this.maxNorm)}` : null,
      this.normType !== 2 ? `norm_type=${pyFloat(this.normType)}` : null,
    ].filter((e) => e !== null);
    return [`${this.numEmbeddings}, ${this.embeddingDim}`, ...extra].join(', ');
  }
}
