import type { ModelName } from '../train/config.js';

/** One layer of a model, enough to build it in torchlet and to write the same model in PyTorch. */
export type LayerSpec =
  | { type: 'linear'; inFeatures: number; outFeatures: number }
  | { type: 'relu' }
  | { type: 'flatten' }
  | { type: 'conv2d'; inChannels: number; outChannels: number; kernelSize: number; padding: number }
  | { type: 'maxpool2d'; kernelSize: number };

/**
 * The layers of a model as a flat `Sequential`, so state-dict names are PyTorch's (`0.weight`,
 * `2.bias`, ...) in both frameworks.
 * - linear: the tutorial's model, one `Linear(features, classes)` (after `Flatten` for images).
 * - mlp: `Linear -> ReLU` per hidden size, then a `Linear` to the classes.
 * - cnn (images only): two `Conv2d(3x3, padding 1) -> ReLU -> MaxPool2d(2)` blocks (8 and 16
 *   channels), `Flatten`, `Linear` to the classes.
 */
export function modelSpec(model: ModelName, sampleShape: readonly number[], numClasses: number, hidden: readonly number[]): LayerSpec[] {
  const features = sampleShape.reduce((a, b) => a * b, 1);
  const layers: LayerSpec[] = [];
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
      }
    })
    .join(' -> ');
}
