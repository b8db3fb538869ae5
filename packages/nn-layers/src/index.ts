// @torchlet/nn-layers: PyTorch's torch.nn in TypeScript. Every public export is named here.
// Run a module with `module.forward(input)` (the one rule for calling modules; see Module).

// ---- Module system ------------------------------------------------------------------------------
export { Module } from './module/module.js';
export { StateDictError } from './module/state-dict.js';
export type { ZeroGradOptions, TensorModule } from './module/module.js';
export type { StateDict, LoadStateDictOptions, IncompatibleKeys } from './module/state-dict.js';
export { Parameter } from './module/parameter.js';
export { Sequential, ModuleList, ModuleDict } from './module/containers.js';

// ---- Layers -------------------------------------------------------------------------------------
export { Linear } from './layers/linear.js';
export type { LinearOptions } from './layers/linear.js';
export { Conv1d, Conv2d } from './layers/conv.js';
export type { ConvOptions, ConvPaddingMode } from './layers/conv.js';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './layers/pooling.js';
export { BatchNorm1d, BatchNorm2d, LayerNorm } from './layers/normalization.js';
export type { BatchNormLayerOptions, LayerNormLayerOptions } from './layers/normalization.js';
export { Dropout } from './layers/dropout.js';
export { Embedding } from './layers/embedding.js';
export type { EmbeddingOptions } from './layers/embedding.js';
export { ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, ELU, Hardtanh, Softplus, Mish, Hardswish, LogSigmoid } from './layers/activation.js';
export type { GELUOptions, ELUOptions, HardtanhOptions, SoftplusOptions } from './layers/activation.js';
export { PReLU } from './layers/prelu.js';
export type { PReLUOptions } from './layers/prelu.js';
export { Softmax, LogSoftmax, Softmin, Softmax2d } from './layers/softmax.js';
export { Flatten, Identity } from './layers/shape.js';
export { RNNCell, LSTMCell, GRUCell } from './rnn/cells.js';
export type { RNNCellOptions, LSTMCellOptions, GRUCellOptions } from './rnn/cells.js';
export { RNN, LSTM, GRU } from './rnn/rnn.js';
export type { RNNBaseOptions, RNNOptions, LSTMOptions, GRUOptions } from './rnn/rnn.js';
export { MultiheadAttention } from './attention/multihead.js';
export type { MultiheadAttentionOptions, MultiheadAttentionForwardOptions } from './attention/multihead.js';
export { TransformerEncoderLayer, TransformerEncoder } from './attention/transformer.js';
export type {
  TransformerActivation,
  TransformerEncoderLayerOptions,
  TransformerEncoderLayerForwardOptions,
  TransformerEncoderOptions,
  TransformerEncoderForwardOptions,
} from './attention/transformer.js';

// ---- torch.nn.init and torch.nn.functional as namespaces ------------------------------------------
export * as init from './init.js';
export type { Nonlinearity, FanMode, KaimingOptions, XavierOptions } from './init.js';
export * as functional from './functional/index.js';
export type {
  Conv1dOptions,
  Conv2dOptions,
  ConvPadding,
  PadMode,
  PadOptions,
  MaxPool2dOptions,
  AvgPool2dOptions,
  AdaptiveSize,
  BatchNormOptions,
  LayerNormOptions,
  DropoutOptions,
  GeluApproximate,
  SoftmaxOptions,
} from './functional/index.js';

// ---- torch.nn.utils as a namespace -----------------------------------------------------------------
export * as utils from './utils/index.js';
export type { ClipGradNormOptions, TensorOrTensors, PadSequenceOptions, PackPaddedOptions, PadPackedOptions, PackSequenceOptions } from './utils/index.js';

// ---- safetensors --------------------------------------------------------------------------------
export { saveSafetensors } from './safetensors/save.js';
export type { SaveSafetensorsOptions } from './safetensors/save.js';
export { loadSafetensors, parseSafetensors } from './safetensors/load.js';
export type { LoadSafetensorsOptions, SafetensorsContents } from './safetensors/load.js';
export { SafetensorsError, DEFAULT_MAX_HEADER_BYTES } from './safetensors/format.js';
export type { SafetensorsDType } from './safetensors/format.js';
