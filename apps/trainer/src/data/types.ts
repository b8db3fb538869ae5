/** A classification data set held as flat float32 features and integer labels. */
export interface Dataset {
  /** Name of the source (e.g. `iris`). */
  readonly name: string;
  /** Class names; labels index into this. */
  readonly classNames: readonly string[];
  /** Shape of one sample, e.g. `[4]` for Iris or `[1, 28, 28]` for digits. */
  readonly sampleShape: readonly number[];
  /** Row-major features, `count * prod(sampleShape)` values. */
  readonly features: Float32Array;
  /** One class index per sample. */
  readonly labels: Int32Array;
  /**
   * Set for text: the features are token ids in [0, vocabSize) (0 pads), batched as int64 for an
   * `Embedding`. Unset: the features are real values, batched as float32.
   */
  readonly vocabSize?: number;
}

/** Number of samples in a data set. */
export function sampleCount(ds: Dataset): number {
  return ds.labels.length;
}

/** Number of features in one sample. */
export function sampleSize(ds: Dataset): number {
  return ds.sampleShape.reduce((a, b) => a * b, 1);
}

/** The samples at `indices`, in that order, as a new data set. */
export function subset(ds: Dataset, indices: readonly number[]): Dataset {
  const size = sampleSize(ds);
  const features = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  indices.forEach((src, dst) => {
    features.set(ds.features.subarray(src * size, (src + 1) * size), dst * size);
    labels[dst] = ds.labels[src];
  });
  return { ...ds, features, labels };
}

/** How many samples each class has. */
export function classCounts(labels: Int32Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const y of labels) counts[y] += 1;
  return counts;
}
