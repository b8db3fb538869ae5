import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, type TensorModule } from '@torchlet/nn-layers';
import { LstmEncoder, TransformerBody } from './sequence.js';
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
    case 'lstm':
      return new LstmEncoder(spec.input, spec.hiddenSize, spec.numLayers);
    case 'transformer':
      return new TransformerBody(spec.input, spec.dModel, spec.nhead, spec.dimFeedforward, spec.numLayers, spec.dropout);
  }
}

/** The torchlet `Sequential` for a layer list (PyTorch's default initialisation from the current seed). */
export function buildModel(layers: readonly LayerSpec[]): Sequential {
  return new Sequential(...layers.map(buildLayer));
}
