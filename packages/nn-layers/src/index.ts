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
export { ConvTranspose2d } from './layers/conv-transpose.js';
export type { ConvTranspose2dModuleOptions } from './layers/conv-transpose.js';
export type { ConvOptions, ConvPaddingMode } from './layers/conv.js';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, MaxPool1d, AvgPool1d, AdaptiveMaxPool2d } from './layers/pooling.js';
export type { PoolResult, MaxPool1dLayerOptions, AdaptiveMaxPool2dOptions } from './layers/pooling.js';
export { Upsample } from './layers/upsample.js';
export type { UpsampleOptions } from './layers/upsample.js';
export { BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm, InstanceNorm1d, InstanceNorm2d } from './layers/normalization.js';
export type { BatchNormLayerOptions, LayerNormLayerOptions, GroupNormLayerOptions, InstanceNormLayerOptions } from './layers/normalization.js';
export { Dropout, Dropout2d } from './layers/dropout.js';
export { Embedding } from './layers/embedding.js';
export type { EmbeddingOptions } from './layers/embedding.js';
export { ReLU, LeakyReLU, GELU, SiLU, Sigmoid, Tanh, ELU, Hardtanh, Softplus, Mish, Hardswish, LogSigmoid } from './layers/activation.js';
export type { GELUOptions, ELUOptions, HardtanhOptions, SoftplusOptions } from './layers/activation.js';
export { PReLU } from './layers/prelu.js';
export type { PReLUOptions } from './layers/prelu.js';
export { Softmax, LogSoftmax, Softmin, Softmax2d } from './layers/softmax.js';
export { Flatten, Identity, Unflatten } from './layers/shape.js';
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

// torch.optim.swa_utils' model averaging (SWALR is in @torchlet/optim)
export { AveragedModel } from './swa/averaged-model.js';
export type { AveragedModelOptions, AveragingFunction } from './swa/averaged-model.js';
export { updateBn } from './swa/update-bn.js';
export type { UpdateBnBatch } from './swa/update-bn.js';

// ---- torch.nn.init and torch.nn.functional as namespaces ------------------------------------------
/**
 * Parameter initialisation, as `torch.nn.init`: in-place fills (`uniform_`, `kaimingUniform_`, `xavierNormal_`, `orthogonal_`, ...) and `calculateGain`.
 *
 * @pytorch torch.nn.init
 * @example
 * ```ts
 * const layer = new Linear(3, 4);
 * init.xavierUniform_(layer.weight);
 * init.zeros_(layer.bias!);
 * ```
 */
export * as init from './init.js';
export type { Nonlinearity, FanMode, KaimingOptions, XavierOptions, TruncNormalOptions, OrthogonalOptions } from './init.js';
/**
 * The layers as functions, as `torch.nn.functional` (losses are in @torchlet/losses): `conv2d`, `maxPool2d`, `batchNorm`, `dropout`, `gelu`, `softmax`, ...
 *
 * @pytorch torch.nn.functional
 * @example
 * ```ts
 * const x = randn([1, 3, 8, 8]);
 * const y = functional.maxPool2d(functional.relu(functional.conv2d(x, randn([4, 3, 3, 3]))), 2); // [1, 4, 3, 3]
 * ```
 */
export * as functional from './functional/index.js';
export type {
  Conv1dOptions,
  Conv2dOptions,
  ConvTranspose2dOptions,
  ConvPadding,
  PadMode,
  PadOptions,
  MaxPool2dOptions,
  AvgPool2dOptions,
  AdaptiveSize,
  MaxPool1dOptions,
  AvgPool1dOptions,
  InterpolateMode,
  InterpolateOptions,
  BatchNormOptions,
  LayerNormOptions,
  GroupNormOptions,
  InstanceNormOptions,
  DropoutOptions,
  GeluApproximate,
  SoftmaxOptions,
} from './functional/index.js';

// ---- torch.nn.utils as a namespace -----------------------------------------------------------------
/**
 * `torch.nn.utils`: gradient clipping, parameters to and from one vector, and `utils.rnn` (padding and packing sequences).
 *
 * @pytorch torch.nn.utils
 * @example
 * ```ts
 * const model = new Linear(3, 2);
 * model.forward(randn([4, 3])).sum().backward();
 * utils.clipGradNorm_(model.parameters(), 1.0);
 * ```
 */
export * as utils from './utils/index.js';
export type { ClipGradNormOptions, TensorOrTensors, PadSequenceOptions, PackPaddedOptions, PadPackedOptions, PackSequenceOptions } from './utils/index.js';

// ---- safetensors --------------------------------------------------------------------------------
export { saveSafetensors, saveSafetensorsAsync } from './safetensors/save.js';
export type { SaveSafetensorsOptions } from './safetensors/save.js';
export { loadSafetensors, parseSafetensors } from './safetensors/load.js';
export type { LoadSafetensorsOptions, SafetensorsContents } from './safetensors/load.js';
export { SafetensorsError, DEFAULT_MAX_HEADER_BYTES } from './safetensors/format.js';
export type { SafetensorsDType } from './safetensors/format.js';
