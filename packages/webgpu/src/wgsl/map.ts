// The generic strided kernel: one invocation per element of an iteration shape, with the element
// offset of every operand computed from its own strides and offset (broadcast dims have stride 0),
// so any layout runs without copies. Shapes, strides, offsets and scalar parameters travel in a
// storage buffer (binding 0); the shader text depends only on the rank, the element types and the
// body, and is cached by the context.
import type { StridedView } from '@torchlet/tensor-core';
import type { Binding, GpuContext } from '../context.js';
import { wgslType, type WgslScalar } from '../dtypes.js';
import { storageOf } from '../storage-of.js';
import { PRELUDE } from './prelude.js';
import { errorDeclarations } from '../index-errors.js';

export const WORKGROUP = 64;
const MAX_GROUPS = 65535;

/** A scalar parameter: its WGSL type decides how its bits are stored. */
export interface Param {
  readonly value: number;
  readonly type: WgslScalar;
}

/** Words of a parameter buffer (u32 / i32 / f32 views of one ArrayBuffer). */
export class Words {
  private readonly u: Uint32Array;
  private readonly i: Int32Array;
  private readonly f: Float32Array;
  private n = 0;
  constructor(capacity: number) {
    const buffer = new ArrayBuffer(Math.max(4, capacity * 4));
    this.u = new Uint32Array(buffer);
    this.i = new Int32Array(buffer);
    this.f = new Float32Array(buffer);
  }
  u32(v: number): void {
    this.u[this.n++] = v;
  }
  i32(v: number): void {
    this.i[this.n++] = v;
  }
  param(p: Param): void {
    if (p.type === 'f32') this.f[this.n++] = p.value;
    else if (p.type === 'i32') this.i32(Math.max(-2147483648, Math.min(2147483647, Math.trunc(p.value))));
    else this.u32(p.value);
  }
  get length(): number {
    return this.n;
  }
  get buffer(): ArrayBuffer {
    return this.u.buffer as ArrayBuffer;
  }
}

/** Unique buffers of the operands as bindings 1.. (written ones read_write); the binding of each operand. */
export function bindOperands(views: readonly StridedView[], written: ReadonlySet<number>, ctx: GpuContext): { bindings: Binding[]; slot: number[]; types: WgslScalar[] } {
  const bindings: Binding[] = [];
  const types: WgslScalar[] = [];
  const slot: number[] = [];
  views.forEach((v, k) => {
    const buffer = storageOf(v, ctx).buffer;
    let j = bindings.findIndex((b) => b.buffer === buffer);
    if (j < 0) {
      j = bindings.length;
      bindings.push({ buffer, writable: written.has(k) });
      types.push(wgslType(v.dtype));
    } else if (written.has(k)) {
      bindings[j] = { buffer, writable: true };
    }
    slot.push(j);
  });
  return { bindings, slot, types };
}

/** Declarations of binding 0 (meta) and the operand buffers b1, b2, ... */
export function declarations(bindings: readonly Binding[], types: readonly WgslScalar[]): string {
  const lines = ['@group(0) @binding(0) var<storage, read> prm: array<u32>;'];
  bindings.forEach((b, j) => {
    lines.push(`@group(0) @binding(${j + 1}) var<storage, ${b.writable ? 'read_write' : 'read'}> b${j + 1}: array<${types[j]}>;`);
  });
  return lines.join('\n');
}

/** Workgroup counts for `n` invocations of WORKGROUP (2-D past 65535 groups). */
export function groupsFor(n: number): [number, number, number] {
  const groups = Math.ceil(n / WORKGROUP);
  const x = Math.min(groups, MAX_GROUPS);
  return [x, x === 0 ? 0 : Math.ceil(groups / x), 1];
}

export interface MapSpec {
  /** The iteration shape (every operand is indexed by it through its own strides). */
  readonly shape: readonly number[];
  readonly operands: readonly StridedView[];
  /** Indices of operands the body writes. */
  readonly written: readonly number[];
  readonly params?: readonly Param[];
  /**
   * WGSL statements: `$k` names operand k's buffer and `o{k}` its element offset (i32 variables);
   * `p{j}` the j-th parameter (a let of its type).
   */
  readonly body: string;
  /** The body reports bad indices with `index_error(...)` (see index-errors.ts). */
  readonly indexErrors?: boolean;
}

/** Record one dispatch of a strided map kernel. */
export function runMap(ctx: GpuContext, spec: MapSpec): void {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const nd = spec.shape.length;
  const nops = spec.operands.length;
  const params = spec.params ?? [];
  const { bindings, slot, types } = bindOperands(spec.operands, new Set(spec.written), ctx);
  const words = new Words(1 + nd + nops * (1 + nd) + params.length);
  words.u32(n);
  for (const s of spec.shape) words.u32(s);
  for (const v of spec.operands) {
    words.i32(v.offset);
    for (let d = 0; d < nd; d++) words.i32(v.shape.length === nd ? v.strides[d] : 0);
  }
  const p0 = words.length;
  for (const p of params) words.param(p);

  const base = (k: number) => 1 + nd + k * (1 + nd);
  const lines: string[] = [];
  for (let k = 0; k < nops; k++) lines.push(`  var o${k}: i32 = bitcast<i32>(prm[${base(k)}u]);`);
  if (nd > 0) lines.push('  var rem = i;');
  for (let d = nd - 1; d >= 0; d--) {
    lines.push(`  { let s = prm[${1 + d}u]; let c = i32(rem % s); rem = rem / s;`);
    for (let k = 0; k < nops; k++) lines.push(`    o${k} += c * bitcast<i32>(prm[${base(k) + 1 + d}u]);`);
    lines.push('  }');
  }
  params.forEach((p, j) => {
    const raw = `prm[${p0 + j}u]`;
    lines.push(`  let p${j} = ${p.type === 'u32' ? raw : `bitcast<${p.type}>(${raw})`};`);
  });
  const body = spec.body.replace(/\$(\d+)/g, (_, k: string) => `b${slot[Number(k)] + 1}`);
  // every binding used, so the 'auto' layout keeps those a body leaves unread
  const uses = bindings.map((_, j) => `  _ = arrayLength(&b${j + 1});`).join('\n');
  const errors = spec.indexErrors === true;
  const code = `${PRELUDE}
${declarations(bindings, types)}
${errors ? errorDeclarations(bindings.length + 1) : ''}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WORKGROUP}u;
  if (i >= prm[0]) { return; }
${uses}${errors ? '\n  _ = arrayLength(&errs);' : ''}
${lines.join('\n')}
${body}
}
`;
  const all = [{ buffer: ctx.paramBuffer(words.buffer), writable: false }, ...bindings];
  if (errors) all.push({ buffer: ctx.errors, writable: true });
  ctx.dispatch(code, all, groupsFor(n));
}
