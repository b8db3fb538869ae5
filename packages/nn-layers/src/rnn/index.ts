// torch.nn.utils.rnn, camelCased: PackedSequence and the pad / pack helpers.
export { PackedSequence, invertPermutation } from './packed-sequence.js';
export { padSequence, packPaddedSequence, padPackedSequence, packSequence } from './pack.js';
export type { PadSequenceOptions, PackPaddedOptions, PadPackedOptions, PackSequenceOptions } from './pack.js';
