// The rule table: one backward rule per differentiable primitive, grouped by op family.
// `satisfies RuleTable<SavedState>` makes a primitive without a rule a compile error.
import { elementwiseRules, type ElementwiseSaved } from './elementwise.js';
import { indexingRules, type IndexingSaved } from './indexing.js';
import { linalgRules, type LinalgSaved } from './linalg.js';
import { reduceRules, type ReduceSaved } from './reduce.js';
import { softmaxRules, type SoftmaxSaved } from './softmax.js';
import type { RuleTable } from './types.js';
import { viewsRules, type ViewsSaved } from './views.js';

/** What each primitive saves for its backward, keyed by primitive name. */
export interface SavedState extends ElementwiseSaved, ReduceSaved, ViewsSaved, LinalgSaved, IndexingSaved, SoftmaxSaved {}

/** Every differentiable primitive. */
export type PrimitiveName = keyof SavedState;

let table: RuleTable<SavedState> | null = null;

/** The rule table (built on first use, so import order between rule files never matters). */
export function rules(): RuleTable<SavedState> {
  return (table ??= {
    ...elementwiseRules,
    ...reduceRules,
    ...viewsRules,
    ...linalgRules,
    ...indexingRules,
    ...softmaxRules,
  } satisfies RuleTable<SavedState>);
}
