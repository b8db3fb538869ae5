// The shape of a tensor-core fixture case (written by generator/tc_util.py, which documents it).
import type { EncodedNumber, EncodedTensor, FixtureCase } from '../fixtures.js';

/** One view step applied to a decoded base: ["transpose", 0, 1], ["slice", dim, start, end, step]... */
export type ViewStep =
  | ['transpose', number, number]
  | ['permute', number[]]
  | ['slice', number, number | null, number | null, number]
  | ['expand', number[]]
  | ['select', number, number]
  | ['narrow', number, number, number];

export interface TensorArg {
  tensor: EncodedTensor;
  views?: ViewStep[];
}
export interface ScalarArg {
  scalar: EncodedNumber;
}
export interface ListArg {
  list: TensorArg[];
}
export type CaseArg = TensorArg | ScalarArg | ListArg;

export type KwValue = number | string | boolean | null | KwValue[] | { [key: string]: KwValue };
export type Kwargs = Record<string, KwValue>;

export interface OpCase extends FixtureCase {
  op: string;
  args: CaseArg[];
  kwargs: Kwargs;
  out?: EncodedTensor[];
  is_view?: boolean;
  grad_out?: (EncodedTensor | null)[];
  grads?: (EncodedTensor | null | (EncodedTensor | null)[])[];
  /** PyTorch's grad_fn name of the first differentiable output (recorded by the families that ask for it). */
  grad_fn?: string | null;
  base_after?: (EncodedTensor | null)[];
  error?: string;
}
