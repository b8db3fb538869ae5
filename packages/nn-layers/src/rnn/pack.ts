// torch.nn.utils.rnn, camelCased: padSequence, packPaddedSequence, padPackedSequence, packSequence.
// Built from differentiable tensor ops (narrow, cat, stack, indexSelect), so gradients reach the inputs.
import { ShapeError, Tensor, ValueError, cat, full, stack, tensor } from '@torchlet/tensor-core';
import { checkNumber, checkOptions } from '../functional/util.js';
import { PackedSequence, invertPermutation } from './packed-sequence.js';

/**
 * Options of `utils.rnn.padSequence`: the layout and the padding value.
 *
 * @pytorch the keyword arguments of torch.nn.utils.rnn.pad_sequence
 * @example
 * ```ts
 * const options: PadSequenceOptions = { batchFirst: true, paddingValue: 0 };
 * const padded = utils.rnn.padSequence([randn([3, 2]), randn([1, 2])], options); // [2, 3, 2]
 * ```
 */
export interface PadSequenceOptions {
  /** Output [B, T, *] instead of [T, B, *] (default false). */
  batchFirst?: boolean;
  /** Value of the padded positions (default 0). */
  paddingValue?: number;
}

/**
 * Options of `utils.rnn.packPaddedSequence`: the layout and whether the lengths must already be sorted.
 *
 * @pytorch the keyword arguments of torch.nn.utils.rnn.pack_padded_sequence
 * @example
 * ```ts
 * const options: PackPaddedOptions = { batchFirst: true, enforceSorted: false };
 * const packed = utils.rnn.packPaddedSequence(randn([2, 3, 4]), [1, 3], options);
 * ```
 */
export interface PackPaddedOptions {
  /** The input is [B, T, *] (default false: [T, B, *]). */
  batchFirst?: boolean;
  /** The lengths must be sorted longest first (default true); false sorts them and records the order. */
  enforceSorted?: boolean;
}

/**
 * Options of `utils.rnn.padPackedSequence`: the layout, the padding value and the total length.
 *
 * @pytorch the keyword arguments of torch.nn.utils.rnn.pad_packed_sequence
 * @example
 * ```ts
 * const packed = utils.rnn.packSequence([randn([3, 4]), randn([1, 4])]);
 * const options: PadPackedOptions = { batchFirst: true, totalLength: 5 };
 * const [padded, lengths] = utils.rnn.padPackedSequence(packed, options); // [2, 5, 4], [3, 1]
 * ```
 */
export interface PadPackedOptions {
  batchFirst?: boolean;
  paddingValue?: number;
  /** Pad to this many steps (at least the longest sequence). */
  totalLength?: number | null;
}

/**
 * Options of `utils.rnn.packSequence`: whether the sequences must come longest first.
 *
 * @pytorch the enforce_sorted argument of torch.nn.utils.rnn.pack_sequence
 * @example
 * ```ts
 * const options: PackSequenceOptions = { enforceSorted: false };
 * const packed = utils.rnn.packSequence([randn([1, 4]), randn([3, 4])], options);
 * ```
 */
export interface PackSequenceOptions {
  enforceSorted?: boolean;
}

/** `x` [L, *] padded along dim 0 to `length` steps with `value`. */
function padRows(x: Tensor, length: number, value: number): Tensor {
  const missing = length - x.shape[0];
  if (missing === 0) return x;
  const filler = (rows: number) => full([rows, ...x.shape.slice(1)], value, { dtype: x.dtype, device: x.device });
  return x.shape[0] === 0 ? filler(length) : cat([x, filler(missing)], 0);
}

/** Stack sequences [L_i, *] into [T, B, *] (or [B, T, *]), padding each to the longest. */
export function padSequence(sequences: readonly Tensor[], options: PadSequenceOptions = {}): Tensor {
  checkOptions('padSequence', options, ['batchFirst', 'paddingValue']);
  if (!Array.isArray(sequences) || sequences.length === 0 || !sequences.every((s) => s instanceof Tensor)) {
    throw new ValueError('padSequence(): expected a non-empty array of tensors');
  }
  const value = options.paddingValue ?? 0;
  checkNumber('padSequence', 'padding_value', value);
  const trailing = sequences[0].shape.slice(1).join(', ');
  sequences.forEach((s, i) => {
    if (s.ndim < 1 || s.shape.slice(1).join(', ') !== trailing) {
      throw new ShapeError(`padSequence(): sequence ${i} has size [${s.shape.join(', ')}]; every sequence must be [L, ${trailing}]`);
    }
  });
  const length = Math.max(...sequences.map((s) => s.shape[0]));
  return stack(sequences.map((s) => padRows(s, length, value)), options.batchFirst ? 0 : 1);
}

/** Lengths as positive integers (a number array or an int tensor). */
function lengthList(lengths: readonly number[] | Tensor): number[] {
  const list = lengths instanceof Tensor ? Array.from(lengths.toTypedArray(), Number) : [...lengths];
  if (lengths instanceof Tensor && lengths.ndim !== 1) throw new ShapeError(`packPaddedSequence(): 'lengths' should be a 1D tensor, got ${lengths.ndim}-D`);
  if (!list.every((l) => Number.isInteger(l))) throw new ValueError(`packPaddedSequence(): 'lengths' expected integers, got [${list.join(', ')}]`);
  return list;
}

/**
 * Pack a padded batch [T, B, *] (or [B, T, *]) of sequences with the given lengths. With
 * `enforceSorted` (default) the lengths must not increase; otherwise the batch is sorted longest
 * first (a stable sort) and the PackedSequence remembers the order, restored by padPackedSequence
 * and by the recurrent layers' final states.
 */
export function packPaddedSequence(input: Tensor, lengths: readonly number[] | Tensor, options: PackPaddedOptions = {}): PackedSequence {
  checkOptions('packPaddedSequence', options, ['batchFirst', 'enforceSorted']);
  const batchFirst = options.batchFirst ?? false;
  const enforceSorted = options.enforceSorted ?? true;
  let lens = lengthList(lengths);
  if (input.ndim < 2) throw new ShapeError(`packPaddedSequence(): expected an input of at least 2 dims ([T, B, *]), got [${input.shape.join(', ')}]`);
  const x = batchFirst ? input.transpose(0, 1) : input;
  const [steps, batch] = x.shape;
  if (lens.length !== batch) {
    throw new ValueError(`packPaddedSequence(): Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${batch})`);
  }
  let sortedIndices: Tensor | null = null;
  let sorted = x;
  if (enforceSorted) {
    for (let i = 1; i < lens.length; i++) {
      if (lens[i] > lens[i - 1]) {
        throw new ValueError(
          'packPaddedSequence(): `lengths` array must be sorted in decreasing order when `enforceSorted` is true. Pass `enforceSorted: false` to sidestep this requirement',
        );
      }
    }
  } else {
    const order = lens.map((_, i) => i).sort((a, b) => lens[b] - lens[a] || a - b);
    sortedIndices = tensor(order, { dtype: 'int64', device: x.device });
    lens = order.map((i) => lens[i]);
    sorted = x.indexSelect(1, sortedIndices);
  }
  if (lens.length > 0 && lens[lens.length - 1] <= 0) {
    throw new ValueError("packPaddedSequence(): Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  }
  if (lens.length > 0 && lens[0] > steps) {
    throw new ValueError(`packPaddedSequence(): the longest length ${lens[0]} exceeds the input's ${steps} time steps`);
  }
  const maxLength = lens[0] ?? 0;
  const batchSizes: number[] = [];
  const rows: Tensor[] = [];
  for (let t = 0; t < maxLength; t++) {
    let b = 0;
    while (b < lens.length && lens[b] > t) b++;
    batchSizes.push(b);
    rows.push(sorted.select(0, t).narrow(0, 0, b));
  }
  if (rows.length === 0) throw new ValueError('packPaddedSequence(): expected at least one sequence');
  return new PackedSequence(cat(rows, 0), tensor(batchSizes, { dtype: 'int64' }), sortedIndices, sortedIndices ? invertPermutation(sortedIndices) : null);
}

/**
 * The inverse of packPaddedSequence: [padded [T, B, *] (or [B, T, *]), lengths int64 [B]], in the
 * batch's original order. T is the longest length, or `totalLength`.
 */
export function padPackedSequence(sequence: PackedSequence, options: PadPackedOptions = {}): [Tensor, Tensor] {
  checkOptions('padPackedSequence', options, ['batchFirst', 'paddingValue', 'totalLength']);
  if (!(sequence instanceof PackedSequence)) throw new ValueError('padPackedSequence(): expected a PackedSequence');
  const value = options.paddingValue ?? 0;
  checkNumber('padPackedSequence', 'padding_value', value);
  const sizes = sequence.batchSizeList();
  const batch = sizes[0];
  const steps = sizes.length;
  const totalLength = options.totalLength ?? steps;
  if (!Number.isInteger(totalLength) || totalLength < steps) {
    throw new ValueError(
      `padPackedSequence(): Expected total_length to be at least the length of the longest sequence in input, but got total_length=${totalLength} and max sequence length being ${steps}`,
    );
  }
  const data = sequence.data;
  const trailing = data.shape.slice(1);
  const rows: Tensor[] = [];
  let offset = 0;
  for (const b of sizes) {
    rows.push(padRows(data.narrow(0, offset, b), batch, value));
    offset += b;
  }
  for (let t = steps; t < totalLength; t++) rows.push(full([batch, ...trailing], value, { dtype: data.dtype, device: data.device }));
  let padded = stack(rows, 0);
  const lengths = new Array<number>(batch).fill(0);
  for (const b of sizes) for (let i = 0; i < b; i++) lengths[i]++;
  let lengthTensor = tensor(lengths, { dtype: 'int64' });
  if (sequence.unsortedIndices) {
    padded = padded.indexSelect(1, sequence.unsortedIndices);
    lengthTensor = lengthTensor.to(sequence.unsortedIndices.device).indexSelect(0, sequence.unsortedIndices);
  }
  return [options.batchFirst ? padded.transpose(0, 1) : padded, lengthTensor];
}

/** Pack a list of sequences [L_i, *] (padSequence, then packPaddedSequence with their lengths). */
export function packSequence(sequences: readonly Tensor[], options: PackSequenceOptions = {}): PackedSequence {
  checkOptions('packSequence', options, ['enforceSorted']);
  const lengths = sequences.map((s) => s.shape[0]);
  return packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: options.enforceSorted ?? true });
}
