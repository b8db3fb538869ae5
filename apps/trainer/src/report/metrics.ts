/** Per-class and overall classification metrics from predictions. */
export interface ClassMetrics {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[trueClass][predictedClass] */
  confusion: number[][];
}

/** Accuracy, per-class precision / recall / F1 (0 where undefined, as scikit-learn's zero_division=0) and the confusion matrix. */
export function evaluate(predicted: ArrayLike<number>, actual: ArrayLike<number>, classNames: readonly string[]): Evaluation {
  const k = classNames.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < actual.length; i++) {
    confusion[actual[i]][predicted[i]] += 1;
    if (actual[i] === predicted[i]) correct += 1;
  }
  const perClass = classNames.map((name, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedC = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predictedC === 0 ? 0 : tp / predictedC;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { name, precision, recall, f1, support };
  });
  const macroF1 = perClass.reduce((a, m) => a + m.f1, 0) / Math.max(k, 1);
  return { accuracy: actual.length === 0 ? 0 : correct / actual.length, macroF1, perClass, confusion };
}
