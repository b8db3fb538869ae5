import type { ModelName, SequenceOptions } from '../train/config.js';
import type { SequenceInput } from './sequence.js';

/** One layer of a model, enough to build it in torchlet and to write the same model in PyTorch. */
export type LayerSpec =
  | { type: 'linear'; inFeatures: number; outFeatures: number }
  | { type: 'relu' }
  | { type: 'flatten' }
  | { type: 'conv2d'; inChannels: number; outChannels: number; kernelSize: number; padding: number }
  | { type: 'maxpool2d'; kernelSize: number }
  | { type: 'lstm'; input: SequenceInput; hiddenSize: number; numLayers: number }
  | { type: 'transformer'; input: SequenceInput; dModel: number; nhead: number; dimFeedforward: number; numLayers: number; dropout: number };


/**
 * How a sequence model reads a sample: token ids (`vocabSize` set) are one step each; real-valued
 * samples are steps of their last dimension (`[F]`: F steps of 1 feature; `[1, H, W]`: H rows of W).
 */
export function sequenceInput(sampleShape: readonly number[], vocabSize: number | undefined, embeddingDim: number): SequenceInput {
  if (vocabSize !== undefined) return { kind: 'tokens', steps: sampleShape.reduce((a, b) => a * b, 1), vocabSize, embeddingDim };
  if (sampleShape.length === 1) return { kind: 'features', steps: sampleShape[0], features: 1 };
  const features = sampleShape[sampleShape.length - 1];
  return { kind: 'features', steps: sampleShape.reduce((a, b) => a * b, 1) / features, features };
}

/**
 * The layers of a model as a flat `Sequential`, so state-dict names are PyTorch's (`0.weight`,
 * `2.bias`, ...) in both frameworks.
 * - linear: the tutorial's model, one `Linear(features, classes)` (after `Flatten` for images).
 * - mlp: `Linear -> ReLU` per hidden size, then a `Linear` to the classes.
 * - cnn (images only): two `Conv2d(3x3, padding 1) -> ReLU -> MaxPool2d(2)` blocks (8 and 16
 *   channels), `Flatten`, `Linear` to the classes.
 * - lstm: `LstmEncoder` (Embedding for text -> LSTM(batch_first) -> last hidden state), `Linear`.
 * - transformer: `TransformerBody` (Embedding or Linear projection + learned positions ->
 *   TransformerEncoder -> mean pool), `Linear`.
 */
export function modelSpec(
  model: ModelName,
  sampleShape: readonly number[],
  numClasses: number,
  hidden: readonly number[],
  sequence?: SequenceOptions,
  vocabSize?: number,
): LayerSpec[] {
  const features = sampleShape.reduce((a, b) => a * b, 1);
  const layers: LayerSpec[] = [];
  if (model === 'lstm' || model === 'transformer') {
    if (!sequence) throw new Error(`the ${model} model needs its sequence options`);
    const input = sequenceInput(sampleShape, vocabSize, sequence.embeddingDim);
    const width = sequence.hiddenSize;
    if (model === 'lstm') layers.push({ type: 'lstm', input, hiddenSize: width, numLayers: sequence.layers });
    else layers.push({ type: 'transformer', input, dModel: width, nhead: sequence.heads, dimFeedforward: sequence.ffSize, numLayers: sequence.layers, dropout: sequence.dropout });
    layers.push({ type: 'linear', inFeatures: width, outFeatures: numClasses });
    return layers;
  }
  if (model === 'cnn') {
    if (sampleShape.length !== 3) throw new Error(`the cnn model needs image input [C, H, W], got sample shape [${sampleShape.join(', ')}]`);
    const [c, h, w] = sampleShape;
    layers.push({ type: 'conv2d', inChannels: c, outChannels: 8, kernelSize: 3, padding: 1 }, { type: 'relu' }, { type: 'maxpool2d', kernelSize: 2 });
    layers.push({ type: 'conv2d', inChannels: 8, outChannels: 16, kernelSize: 3, padding: 1 }, { type: 'relu' }, { type: 'maxpool2d', kernelSize: 2 });
    const outH = Math.floor(Math.floor(h / 2) / 2);
    const outW = Math.floor(Math.floor(w / 2) / 2);
    layers.push({ type: 'flatten' }, { type: 'linear', inFeatures: 16 * outH * outW, outFeatures: numClasses });
    return layers;
  }
  if (sampleShape.length > 1) layers.push({ type: 'flatten' });
  let width = features;
  if (model === 'mlp') {
    for (const h of hidden) {
      layers.push({ type: 'linear', inFeatures: width, outFeatures: h }, { type: 'relu' });
      width = h;
    }
  }
  layers.push({ type: 'linear', inFeatures: width, outFeatures: numClasses });
  return layers;
}

/** A one-line description, e.g. `Linear(4, 16) -> ReLU -> Linear(16, 3)`. */
export function describeModel(layers: readonly LayerSpec[]): string {
  return layers
    .map((l) => {
      switch (l.type) {
        case 'linear':
          return `Linear(${l.inFeatures}, ${l.outFeatures})`;
        case 'conv2d':
          return `Conv2d(${l.inChannels}, ${l.outChannels}, ${l.kernelSize}, padding=${l.padding})`;
        case 'maxpool2d':
          return `MaxPool2d(${l.kernelSize})`;
        case 'relu':
          return 'ReLU';
        case 'flatten':
          return 'Flatten';
        case 'lstm':
          return `${describeInput(l.input, l.input.kind === 'tokens' ? l.input.embeddingDim : 0)}LSTM(${stepSize(l.input)}, ${l.hiddenSize}, layers=${l.numLayers}) -> last hidden`;
        case 'transformer':
          return (
            `${describeInput(l.input, l.dModel)}${l.input.kind === 'features' ? `Linear(${l.input.features}, ${l.dModel}) -> ` : ''}+ positions -> ` +
            `TransformerEncoder(d=${l.dModel}, heads=${l.nhead}, ff=${l.dimFeedforward}, layers=${l.numLayers}) -> mean pool`
          );
      }
    })
    .join(' -> ');
}

function stepSize(input: SequenceInput): number {
  return input.kind === 'tokens' ? input.embeddingDim : input.features;
}

/** `Embedding(V, D) -> ` for text, `[T x F] -> ` for real-valued steps. */
function describeInput(input: SequenceInput, embeddingDim: number): string {
  return input.kind === 'tokens' ? `Embedding(${input.vocabSize}, ${embeddingDim}) -> ` : `${input.steps} steps x ${input.features} -> `;
}
