// Shared by the end-to-end tests: fixture types, state dicts from fixtures, trajectory comparison,
// and the per-trajectory loss-difference summary printed at the end of a run.
import { afterAll, expect } from 'vitest';
import { torch, type nn } from 'torchlet';
import { compareTensor, decode, decodeOnCpu, type EncodedTensor, type FixtureCase, type Tolerance } from '../../src/fixtures.ts';

export type EncodedStateDict = Record<string, EncodedTensor>;

/** What every training-loop case records (generator/cases_e2e.py). */
export interface TrajectoryCase extends FixtureCase {
  seed: number;
  steps: number;
  inputs: EncodedTensor;
  targets: EncodedTensor;
  initial: EncodedStateDict;
  losses: EncodedTensor;
  params: EncodedStateDict[];
  final: EncodedStateDict;
}

/** A fixture state dict as torchlet's (`model.loadStateDict(stateDictOf(c.initial))`), on the CPU: loadStateDict copies it onto the model's device. */
export function stateDictOf(e: EncodedStateDict): nn.StateDict {
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, decodeOnCpu(v)]));
}

/** A fixture tensor as a torchlet tensor (a constant: requiresGrad false). */
export function tensorOf(e: EncodedTensor): torch.Tensor {
  return decode(e);
}

/** A copy of a module's state dict (stateDict() shares storage with the parameters). */
export function snapshot(model: nn.Module): nn.StateDict {
  return Object.fromEntries(Object.entries(model.stateDict()).map(([k, v]) => [k, v.detach().clone()]));
}

/**
 * How close torchlet's seeded draws must be to torch's: float32 bit for bit; float64 within the
 * case's tolerance, because float64 Box-Muller (randn) goes through Math.log/sin/cos, which differ
 * from glibc's by an ulp on some inputs (see generator/cases_random.py). Uniform draws (Linear's
 * init) are exact in both.
 */
export function drawTolerance(c: FixtureCase): Tolerance {
  return c.dtype === 'float32' ? { rtol: 0, atol: 0 } : { rtol: c.rtol, atol: c.atol };
}

/** What a replayed loop produced. */
export interface Run {
  /** Each step's loss, a 0-d tensor on the model's device (`loss.detach().clone()`). */
  losses: torch.Tensor[];
  params: nn.StateDict[];
}

export function stateDictProblems(actual: nn.StateDict, expected: EncodedStateDict, tol: Tolerance, label: string): string[] {
  const problems: string[] = [];
  const keys = Object.keys(expected);
  if (Object.keys(actual).join(',') !== keys.join(',')) {
    problems.push(`${label}: keys [${Object.keys(actual).join(', ')}], expected [${keys.join(', ')}]`);
  }
  for (const k of keys) {
    if (!(k in actual)) continue;
    problems.push(...compareTensor(actual[k], expected[k], tol).map((p) => `${label} ${k}: ${p}`));
  }
  return problems;
}

/** Per-step losses, the state dict after every step, and the final one, against PyTorch's. */
export function expectTrajectory(run: Run, c: TrajectoryCase): void {
  const lossTensor = torch.stack(run.losses);
  const problems = compareTensor(lossTensor, c.losses, c).map((p) => `losses: ${p}`);
  expect(run.params.length, 'steps run').toBe(c.steps);
  run.params.forEach((sd, k) => problems.push(...stateDictProblems(sd, c.params[k], c, `after step ${k + 1}`)));
  problems.push(...stateDictProblems(run.params[run.params.length - 1], c.final, c, 'final'));
  // the summary reads the losses: on the CPU only (a device's are compared after the test body)
  if (lossTensor.device === 'cpu') recordLossDifference(c, Array.from(lossTensor.toTypedArray(), Number));
  const reason = c.tolerance_reason ? ` (tolerance rtol ${c.rtol}: ${c.tolerance_reason})` : '';
  expect(problems, problems.slice(0, 12).join('\n') + reason).toEqual([]);
}

// ---- the summary: max per-step loss difference of every trajectory --------------------------------

const differences = new Map<string, { abs: number; rel: number; steps: number }>();

function recordLossDifference(c: TrajectoryCase, losses: number[]): void {
  const expected = c.losses.data.map(Number);
  let abs = 0;
  let rel = 0;
  losses.forEach((l, i) => {
    const d = Math.abs(l - expected[i]);
    abs = Math.max(abs, d);
    rel = Math.max(rel, d / Math.abs(expected[i]));
  });
  const key = `${c.id}`;
  const prev = differences.get(key);
  if (!prev || abs > prev.abs) differences.set(key, { abs, rel, steps: losses.length });
}

/** Print, after a test file, the largest per-step loss difference of each trajectory it replayed. */
export function printLossDifferences(title: string): void {
  afterAll(() => {
    if (differences.size === 0) return;
    const lines = [...differences].map(
      ([id, d]) => `  ${id}: ${d.steps} steps, max |loss - torch| ${d.abs.toExponential(2)} (relative ${d.rel.toExponential(2)})`,
    );
    console.log(`${title}\n${lines.join('\n')}`);
    differences.clear();
  });
}
