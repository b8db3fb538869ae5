import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, type TensorModule } from '@torchlet/nn-layers';
import type { LayerSpec } from './spec.js';

function buildLayer(spec: LayerSpec): TensorModule {
  switch (spec.type) {
    case 'linear':
      return new Linear(spec.inFeatures, spec.outFeatures);
    case 'relu':
      return new ReLU();
    case 'flatten':
      return new Flatten();
    case 'conv2d':
      return new Conv2d(spec.inChannels, spec.outChannels, spec.kernelSize, { padding: spec.padding });
    case 'maxpool2d':
      return new MaxPool2d(spec.kernelSize);
  }
}

/** The torchlet `Sequential` for a layer list (PyTorch's default initialisation from the current seed). */
export function buildModel(layers: readonly LayerSpec[]): Sequential {
  return new Sequential(...layers.map(buildLayer));
}
