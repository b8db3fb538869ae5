// TransformerEncoderLayer and TransformerEncoder (torch.nn, PyTorch 1.13 without its nested-tensor
// fast path): self-attention and a feed-forward block, each with dropout, a residual connection and
// LayerNorm after (or, with normFirst, before) the block.
import { ValueError, type DType, type Tensor } from '@torchlet/tensor-core';
import { gelu, relu } from '../functional/activation.js';
import { checkNumber, checkOptions } from '../functional/util.js';
import { Dropout } from '../layers/dropout.js';
import { checkSize, Linear } from '../layers/linear.js';
import { LayerNorm } from '../layers/normalization.js';
import { ModuleList } from '../module/containers.js';
import { Module } from '../module/module.js';
import { MultiheadAttention } from './multihead.js';

/**
 * The feed-forward activation of a `TransformerEncoderLayer`: 'relu', 'gelu' or a function.
 *
 * @pytorch the activation argument of torch.nn.TransformerEncoderLayer
 * @example
 * ```ts
 * const activation: TransformerActivation = (x) => x.relu();
 * const layer = new TransformerEncoderLayer(16, 4, { activation });
 * ```
 */
export type TransformerActivation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);

/**
 * What the `TransformerEncoderLayer` constructor takes besides its sizes.
 *
 * @pytorch the keyword arguments of torch.nn.TransformerEncoderLayer
 * @example
 * ```ts
 * const options: TransformerEncoderLayerOptions = { dimFeedforward: 128, dropout: 0.1, activation: 'gelu', normFirst: true };
 * const layer = new TransformerEncoderLayer(32, 4, options);
 * ```
 */
export interface TransformerEncoderLayerOptions {
  /** Hidden size of the feed-forward block (default 2048). */
  dimFeedforward?: number;
  /** Dropout probability everywhere in the layer (default 0.1). */
  dropout?: number;
  /** The feed-forward activation: 'relu' (default), 'gelu' or a function. */
  activation?: TransformerActivation;
  /** LayerNorm's eps (default 1e-5). */
  layerNormEps?: number;
  /** [N, S, E] inputs (default false: [S, N, E]). */
  batchFirst?: boolean;
  /** LayerNorm before each block instead of after the residual sum (default false). */
  normFirst?: boolean;
  dtype?: DType;
}

/**
 * What `TransformerEncoderLayer.forward` takes besides the input: the attention mask and the key padding mask.
 *
 * @pytorch the keyword arguments of torch.nn.TransformerEncoderLayer.forward
 * @example
 * ```ts
 * const layer = new TransformerEncoderLayer(16, 4, { batchFirst: true });
 * const options: TransformerEncoderLayerForwardOptions = { srcKeyPaddingMask: tensor([[false, false, true]]) };
 * const y = layer.forward(randn([1, 3, 16]), options);
 * ```
 */
export interface TransformerEncoderLayerForwardOptions {
  /** [S, S] or [N * heads, S, S] attention mask (bool: true forbids; float: added). */
  srcMask?: Tensor | null;
  /** [N, S] (or [S]): true for padding positions. */
  srcKeyPaddingMask?: Tensor | null;
}

/**
 * What the `TransformerEncoder` constructor takes besides the layer and the count: a final norm and PyTorch's nested-tensor flags.
 *
 * @pytorch the keyword arguments of torch.nn.TransformerEncoder
 * @example
 * ```ts
 * const options: TransformerEncoderOptions = { norm: new LayerNorm(16) };
 * const encoder = new TransformerEncoder(new TransformerEncoderLayer(16, 4), 2, options);
 * ```
 */
export interface TransformerEncoderOptions {
  /** A final normalization (PyTorch's `norm`), applied after the last layer. */
  norm?: Module & { forward(x: Tensor): Tensor };
  /** PyTorch's nested-tensor fast path; torchlet has none, so only false is accepted. */
  enableNestedTensor?: boolean;
  /** Accepted for PyTorch's signature (its fast path's left-alignment check); changes nothing. */
  maskCheck?: boolean;
}

/**
 * What `TransformerEncoder.forward` takes besides the input: the attention mask and the key padding mask.
 *
 * @pytorch the keyword arguments of torch.nn.TransformerEncoder.forward
 * @example
 * ```ts
 * const encoder = new TransformerEncoder(new TransformerEncoderLayer(16, 4, { batchFirst: true }), 2);
 * const options: TransformerEncoderForwardOptions = { srcKeyPaddingMask: tensor([[false, true]]) };
 * const y = encoder.forward(randn([1, 2, 16]), options);
 * ```
 */
export interface TransformerEncoderForwardOptions {
  mask?: Tensor | null;
  srcKeyPaddingMask?: Tensor | null;
}

const LAYER_KEYS = ['dimFeedforward', 'dropout', 'activation', 'layerNormEps', 'batchFirst', 'normFirst', 'dtype'];

function activationOf(activation: TransformerActivation): (x: Tensor) => Tensor {
  if (activation === 'relu') return relu;
  if (activation === 'gelu') return (x) => gelu(x);
  if (typeof activation === 'function') return activation;
  throw new ValueError(`TransformerEncoderLayer(): activation should be relu/gelu, not ${String(activation)}`);
}

/**
 * One transformer encoder block: self-attention and a feed-forward network, each with a residual connection and layer norm.
 *
 * @pytorch torch.nn.TransformerEncoderLayer
 * @example
 * ```ts
 * const layer = new TransformerEncoderLayer(16, 4, { dimFeedforward: 64, batchFirst: true });
 * const y = layer.forward(randn([2, 5, 16])); // [2, 5, 16]
 * ```
 */
export class TransformerEncoderLayer extends Module {
  readonly dModel: number;
  readonly nhead: number;
  readonly normFirst: boolean;
  /** The options the layer was built with (TransformerEncoder clones it from them). */
  readonly options: Readonly<TransformerEncoderLayerOptions>;
  private readonly activation: (x: Tensor) => Tensor;

  constructor(dModel: number, nhead: number, options: TransformerEncoderLayerOptions = {}) {
    super();
    checkOptions('TransformerEncoderLayer', options, LAYER_KEYS);
    const dimFeedforward = options.dimFeedforward ?? 2048;
    checkSize('TransformerEncoderLayer', 'dim_feedforward', dimFeedforward);
    const p = options.dropout ?? 0.1;
    checkNumber('TransformerEncoderLayer', 'dropout', p);
    const eps = options.layerNormEps ?? 1e-5;
    const dtype = options.dtype;
    this.dModel = dModel;
    this.nhead = nhead;
    this.normFirst = options.normFirst ?? false;
    this.options = { ...options };
    this.activation = activationOf(options.activation ?? 'relu');
    // registration order is PyTorch's, and so is the order of the random draws of the inits
    this.registerModule('self_attn', new MultiheadAttention(dModel, nhead, { dropout: p, batchFirst: options.batchFirst ?? false, dtype }));
    this.registerModule('linear1', new Linear(dModel, dimFeedforward, { dtype }));
    this.registerModule('dropout', new Dropout(p));
    this.registerModule('linear2', new Linear(dimFeedforward, dModel, { dtype }));
    this.registerModule('norm1', new LayerNorm(dModel, { eps, dtype }));
    this.registerModule('norm2', new LayerNorm(dModel, { eps, dtype }));
    this.registerModule('dropout1', new Dropout(p));
    this.registerModule('dropout2', new Dropout(p));
  }

  private sub<M extends Module>(name: string): M {
    return this.getSubmodule(name) as M;
  }

  get selfAttn(): MultiheadAttention {
    return this.sub('self_attn');
  }

  /** [S, N, E] (or [N, S, E] with batchFirst, or [S, E]) -> the same shape. */
  forward(src: Tensor, options: TransformerEncoderLayerForwardOptions = {}): Tensor {
    checkOptions('TransformerEncoderLayer.forward', options, ['srcMask', 'srcKeyPaddingMask']);
    const norm1 = this.sub<LayerNorm>('norm1');
    const norm2 = this.sub<LayerNorm>('norm2');
    const sa = (x: Tensor): Tensor => {
      const [y] = this.selfAttn.forward(x, x, x, { attnMask: options.srcMask ?? null, keyPaddingMask: options.srcKeyPaddingMask ?? null, needWeights: false });
      return this.sub<Dropout>('dropout1').forward(y);
    };
    const ff = (x: Tensor): Tensor => {
      const h = this.sub<Dropout>('dropout').forward(this.activation(this.sub<Linear>('linear1').forward(x)));
      return this.sub<Dropout>('dropout2').forward(this.sub<Linear>('linear2').forward(h));
    };
    let x = src;
    if (this.normFirst) {
      x = x.add(sa(norm1.forward(x)));
      return x.add(ff(norm2.forward(x)));
    }
    x = norm1.forward(x.add(sa(x)));
    return norm2.forward(x.add(ff(x)));
  }

  /** A new layer with the same options and a copy of this one's state (PyTorch's deepcopy in TransformerEncoder). */
  clone(): TransformerEncoderLayer {
    const copy = new TransformerEncoderLayer(this.dModel, this.nhead, this.options);
    copy.loadStateDict(this.stateDict());
    copy.train(this.training);
    return copy;
  }
}

/**
 * A stack of copies of a `TransformerEncoderLayer`, with an optional final norm.
 *
 * @pytorch torch.nn.TransformerEncoder
 * @example
 * ```ts
 * const layer = new TransformerEncoderLayer(16, 4, { batchFirst: true });
 * const encoder = new TransformerEncoder(layer, 3);
 * const y = encoder.forward(randn([2, 5, 16]));
 * ```
 */
export class TransformerEncoder extends Module {
  readonly numLayers: number;

  /** `numLayers` copies of `encoderLayer` (each starts with its weights, as PyTorch's deep copies). */
  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, options: TransformerEncoderOptions = {}) {
    super();
    checkOptions('TransformerEncoder', options, ['norm', 'enableNestedTensor', 'maskCheck']);
    checkSize('TransformerEncoder', 'num_layers', numLayers);
    if (options.enableNestedTensor === true) {
      throw new ValueError('TransformerEncoder(): enableNestedTensor is not supported (torchlet has no nested tensors); pass enableNestedTensor: false');
    }
    this.numLayers = numLayers;
    this.registerModule('layers', new ModuleList(Array.from({ length: numLayers }, () => encoderLayer.clone())));
    this.registerModule('norm', options.norm ?? null);
  }

  forward(src: Tensor, options: TransformerEncoderForwardOptions = {}): Tensor {
    checkOptions('TransformerEncoder.forward', options, ['mask', 'srcKeyPaddingMask']);
    let x = src;
    for (const layer of this.getSubmodule('layers').children()) {
      x = (layer as TransformerEncoderLayer).forward(x, { srcMask: options.mask ?? null, srcKeyPaddingMask: options.srcKeyPaddingMask ?? null });
    }
    const norm = this._modules.get('norm');
    return norm ? (norm as Module & { forward(x: Tensor): Tensor }).forward(x) : x;
  }
}
