import { Embedding, LSTM, Linear, Module, Parameter, TransformerEncoder, TransformerEncoderLayer, init } from '@torchlet/nn-layers';
import { zeros, type Tensor } from '@torchlet/tensor-core';

/**
 * What a sequence model reads. `tokens`: `[B, T]` int64 ids (0 pads), looked up in an `Embedding`
 * whose padding row stays zero. `features`: `[B, ...sample]` floats read as `steps` steps of
 * `features` values (a tabular sample of F features is F steps of 1; a `[1, H, W]` image is H rows
 * of W pixels).
 */
export type SequenceInput =
  | { kind: 'tokens'; steps: number; vocabSize: number; embeddingDim: number }
  | { kind: 'features'; steps: number; features: number };

/** Width of one step as the first layer after the input sees it. */
function stepWidth(input: SequenceInput): number {
  return input.kind === 'tokens' ? input.embeddingDim : input.features;
}

/** `[B, T, width]` steps from a batch: embedded tokens, or the features reshaped into steps. */
function steps(input: SequenceInput, embedding: Embedding | null, x: Tensor): Tensor {
  if (embedding) return embedding.forward(x);
  return x.reshape(x.shape[0], input.steps, stepWidth(input));
}

/** `[B, T]` true where a token is padding (tokens only). */
function paddingMask(input: SequenceInput, x: Tensor): Tensor | null {
  return input.kind === 'tokens' ? x.eq(0) : null;
}

/**
 * The LSTM body: (Embedding) -> LSTM(batch_first) -> the last layer's final hidden state `h_n[-1]`,
 * `[B, hidden]`. Text is left-padded, so the final step is a sample's last real token.
 */
export class LstmEncoder extends Module {
  readonly embedding: Embedding | null;
  readonly lstm: LSTM;

  constructor(
    readonly input: SequenceInput,
    hiddenSize: number,
    numLayers: number,
  ) {
    super();
    this.embedding = input.kind === 'tokens' ? new Embedding(input.vocabSize, input.embeddingDim, { paddingIdx: 0 }) : null;
    this.lstm = new LSTM(stepWidth(input), hiddenSize, { numLayers, batchFirst: true });
  }

  forward(x: Tensor): Tensor {
    const [, [h]] = this.lstm.forward(steps(this.input, this.embedding, x));
    return h.select(0, h.shape[0] - 1);
  }
}

/**
 * The transformer body: Embedding (or Linear projection) + learned positions (`[T, d]`, N(0, 0.02))
 * -> TransformerEncoder(batch_first, post-norm, ReLU) with padding masked -> the mean over the
 * non-padding steps, `[B, d]`.
 */
export class TransformerBody extends Module {
  readonly embedding: Embedding | null;
  readonly projection: Linear | null;
  readonly positions: Parameter;
  readonly encoder: TransformerEncoder;

  constructor(
    readonly input: SequenceInput,
    dModel: number,
    nhead: number,
    dimFeedforward: number,
    numLayers: number,
    dropout: number,
  ) {
    super();
    this.embedding = input.kind === 'tokens' ? new Embedding(input.vocabSize, dModel, { paddingIdx: 0 }) : null;
    this.projection = input.kind === 'features' ? new Linear(input.features, dModel) : null;
    this.positions = new Parameter(zeros([input.steps, dModel]));
    init.normal_(this.positions, 0, 0.02);
    const layer = new TransformerEncoderLayer(dModel, nhead, { dimFeedforward, dropout, batchFirst: true });
    this.encoder = new TransformerEncoder(layer, numLayers, { enableNestedTensor: false });
  }

  forward(x: Tensor): Tensor {
    const mask = paddingMask(this.input, x);
    let h = steps(this.input, this.embedding, x);
    if (this.projection) h = this.projection.forward(h);
    h = this.encoder.forward(h.add(this.positions), { srcKeyPaddingMask: mask });
    if (!mask) return h.mean(1);
    // mean over real steps: sum(h * keep) / count(keep)
    const keep = mask.logicalNot().float().unsqueeze(-1);
    return h.mul(keep).sum(1).div(keep.sum(1));
  }
}
