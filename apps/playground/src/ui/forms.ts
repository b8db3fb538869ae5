// The two forms: their options, their defaults (which the page's query string may override, e.g.
// ?epochs=5&perClass=60&backend=wasm), and the jobs they describe.
import type { DatasetName, Job, OptimizerName } from '../protocol.js';
import { LOSSES, LOSS_INFO, isLossName, type LossName } from '../losses.js';

const params = new URLSearchParams(location.search);

function numberParam(name: string, fallback: number): number {
  const v = Number(params.get(name));
  return params.has(name) && Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The defaults of each data set: digits learn at Adam's usual lr, Iris (150 samples) needs more steps. */
const DATA_DEFAULTS: Record<DatasetName, { lr: number; epochs: number }> = {
  digits: { lr: 0.001, epochs: 15 },
  iris: { lr: 0.01, epochs: 60 },
};

/** Digits kept per class before the split (about 1,000 exist): enough to learn, quick to train. */
const PER_CLASS = numberParam('perClass', 200);
const EPOCHS = params.has('epochs') ? numberParam('epochs', 15) : undefined;

const IMBALANCE: readonly { value: number; label: string }[] = [
  { value: 1, label: 'balanced' },
  { value: 0.2, label: 'long tail: last class keeps 1/5' },
  { value: 0.05, label: 'long tail: last class keeps 1/20' },
];

/** The losses ticked by default in the compare view: the ones whose results differ. */
export const DEFAULT_COMPARE: readonly LossName[] = ['cross-entropy', 'focal', 'multi-margin', 'bce-ovr'];

export const COLORS: Record<LossName, string> = {
  'cross-entropy': '#1f77b4',
  nll: '#17becf',
  'hand-cross-entropy': '#9467bd',
  focal: '#ff7f0e',
  'multi-margin': '#d62728',
  'bce-ovr': '#2ca02c',
};

function fillSelect(select: HTMLSelectElement, options: readonly { value: string; label: string }[], selected: string): void {
  for (const o of options) select.add(new Option(o.label, o.value, false, o.value === selected));
}

function field<T extends HTMLElement>(form: HTMLFormElement, name: string): T {
  const el = form.elements.namedItem(name);
  if (el === null) throw new Error(`form #${form.id} has no field '${name}'`);
  return el as T;
}

/** Fills a form's shared fields (data, split, optimizer, lr, epochs) with their options and defaults. */
export function setUpForm(form: HTMLFormElement, dataset: DatasetName, imbalance: number): void {
  fillSelect(field(form, 'dataset'), [
    { value: 'digits', label: 'digits (28x28, 10 classes)' },
    { value: 'iris', label: 'Iris (4 features, 3 classes)' },
  ], dataset);
  fillSelect(field(form, 'imbalance'), IMBALANCE.map((o) => ({ value: String(o.value), label: o.label })), String(imbalance));
  fillSelect(field(form, 'optimizer'), [
    { value: 'adam', label: 'Adam' },
    { value: 'sgd', label: 'SGD, momentum 0.9' },
  ], 'adam');
  const applyDefaults = (): void => {
    const d = DATA_DEFAULTS[field<HTMLSelectElement>(form, 'dataset').value as DatasetName];
    field<HTMLInputElement>(form, 'lr').value = String(d.lr);
    field<HTMLInputElement>(form, 'epochs').value = String(EPOCHS ?? d.epochs);
  };
  applyDefaults();
  field<HTMLSelectElement>(form, 'dataset').addEventListener('change', applyDefaults);
}

export function setUpLossSelect(form: HTMLFormElement, selected: LossName): void {
  fillSelect(field(form, 'loss'), LOSSES.map((l) => ({ value: l, label: LOSS_INFO[l].label })), selected);
}

export function setUpLossChecks(fieldset: HTMLFieldSetElement, checked: readonly LossName[]): void {
  for (const loss of LOSSES) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'losses';
    box.value = loss;
    box.checked = checked.includes(loss);
    label.append(box, LOSS_INFO[loss].label);
    fieldset.append(label);
  }
}

export function checkedLosses(form: HTMLFormElement): LossName[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[name="losses"]:checked')].map((b) => b.value).filter(isLossName);
}

export function selectedLoss(form: HTMLFormElement): LossName {
  const v = field<HTMLSelectElement>(form, 'loss').value;
  return isLossName(v) ? v : 'cross-entropy';
}

/** The job a form describes, for `loss`. */
export function readJob(form: HTMLFormElement, loss: LossName): Job {
  const lr = Number(field<HTMLInputElement>(form, 'lr').value);
  const epochs = Math.round(Number(field<HTMLInputElement>(form, 'epochs').value));
  return {
    dataset: field<HTMLSelectElement>(form, 'dataset').value as DatasetName,
    imbalance: Number(field<HTMLSelectElement>(form, 'imbalance').value),
    perClass: PER_CLASS,
    loss,
    optimizer: field<HTMLSelectElement>(form, 'optimizer').value as OptimizerName,
    lr: lr > 0 ? lr : 0.001,
    epochs: epochs >= 1 ? epochs : 1,
    batchSize: 32,
    hidden: 64,
    seed: 0,
  };
}

export const BACKEND_CHOICE = params.get('backend') === 'wasm' ? 'wasm' : 'auto';
