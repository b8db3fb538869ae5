// The generic strided kernel: one invocation per element of an iteration shape, with the element
// offset of every operand computed from its own strides and offset (broadcast dims have stride 0),
// so any layout runs without copies. Shapes, strides, offsets and scalar parameters travel in a
// storage buffer (binding 0); the shader text depends only on the rank, the element types and the
// body, and is cached by the context.
import type { StridedView } from '@torchlet/tensor-core';
import type { Binding, GpuContext, ShaderSource } from '../context.js';
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
  /**
   * The body is elementwise: it touches operand k only as `$k[o{k}]` (no other index, no `i`, no
   * `return`, no `prm`) and writes each written operand once per element. Then, where every operand
   * is contiguous over the iteration shape or a single broadcast element, runMap runs it with no
   * index arithmetic (contiguousMap).
   */
  readonly elementwise?: boolean;
}

/** WGSL `let p{j}` of each scalar parameter, read from the parameter words from word `p0` on. */
export function paramLets(params: readonly Param[], p0: number): string[] {
  return params.map((p, j) => {
    const raw = `prm[${p0 + j}u]`;
    return `  let p${j} = ${p.type === 'u32' ? raw : `bitcast<${p.type}>(${raw})`};`;
  });
}

/**
 * The pipeline key of generated WGSL: the generator's name and every input its text depends on
 * (the bindings' access modes and element types, then `parts`), so equal keys mean equal text.
 */
export function shaderKey(kind: string, bindings: readonly Binding[], types: readonly WgslScalar[], ...parts: readonly (string | number | boolean)[]): string {
  return JSON.stringify([kind, bindings.map((b) => (b.writable ? 'w' : 'r')).join(''), types.join(), ...parts]);
}

/** The strided map kernel's WGSL (runMap): operand offsets from the iteration index, then the body. */
function stridedMapCode(
  nd: number,
  nops: number,
  params: readonly Param[],
  bindings: readonly Binding[],
  types: readonly WgslScalar[],
  slot: readonly number[],
  specBody: string,
  errors: boolean,
): string {
  const p0 = 1 + nd + nops * (1 + nd);
  const base = (k: number) => 1 + nd + k * (1 + nd);
  const lines: string[] = [];
  for (let k = 0; k < nops; k++) lines.push(`  var o${k}: i32 = bitcast<i32>(prm[${base(k)}u]);`);
  if (nd > 0) lines.push('  var rem = i;');
  for (let d = nd - 1; d >= 0; d--) {
    lines.push(`  { let s = prm[${1 + d}u]; let c = i32(rem % s); rem = rem / s;`);
    for (let k = 0; k < nops; k++) lines.push(`    o${k} += c * bitcast<i32>(prm[${base(k) + 1 + d}u]);`);
    lines.push('  }');
  }
  lines.push(...paramLets(params, p0));
  const body = specBody.replace(/\$(\d+)/g, (_, k: string) => `b${slot[Number(k)] + 1}`);
  // every binding used, so the 'auto' layout keeps those a body leaves unread
  const uses = bindings.map((_, j) => `  _ = arrayLength(&b${j + 1});`).join('\n');
  return `${PRELUDE}
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
}

/** Record one dispatch of a strided map kernel. */
export function runMap(ctx: GpuContext, spec: MapSpec): void {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const nd = spec.shape.length;
  const nops = spec.operands.length;
  const params = spec.params ?? [];
  const { bindings, slot, types } = bindOperands(spec.operands, new Set(spec.written), ctx);
  if (spec.elementwise === true && spec.indexErrors !== true) {
    const layout = flatLayout(spec.shape, spec.operands);
    if (layout !== null && spec.written.every((k) => layout[k] === 'contiguous')) {
      contiguousMap(ctx, spec, n, layout, bindings, slot, types);
      return;
    }
  }
  const words = new Words(1 + nd + nops * (1 + nd) + params.length);
  words.u32(n);
  for (const s of spec.shape) words.u32(s);
  for (const v of spec.operands) {
    words.i32(v.offset);
    for (let d = 0; d < nd; d++) words.i32(v.shape.length === nd ? v.strides[d] : 0);
  }
  for (const p of params) words.param(p);

  const errors = spec.indexErrors === true;
  const shader: ShaderSource = {
    key: shaderKey('map', bindings, types, nd, nops, slot.join(), params.map((p) => p.type).join(), errors, spec.body),
    code: () => stridedMapCode(nd, nops, params, bindings, types, slot, spec.body, errors),
  };
  const all = [{ buffer: ctx.paramBuffer(words.buffer), writable: false }, ...bindings];
  if (errors) all.push({ buffer: ctx.errors, writable: true });
  ctx.dispatch(shader, all, groupsFor(n));
}

/** How an elementwise operand is read: element i at offset + i, or one element for all. */
type FlatOperand = 'contiguous' | 'broadcast';

/**
 * Each operand's flat layout over the iteration shape, or null where one is neither contiguous
 * (row-major strides, size-1 dims ignored) nor a single element broadcast (stride 0 wherever the
 * size exceeds 1).
 */
export function flatLayout(shape: readonly number[], operands: readonly StridedView[]): FlatOperand[] | null {
  const nd = shape.length;
  const out: FlatOperand[] = [];
  for (const v of operands) {
    const strides = v.shape.length === nd ? v.strides : shape.map(() => 0);
    let contiguous = true;
    let broadcast = true;
    let expected = 1;
    for (let d = nd - 1; d >= 0; d--) {
      if (shape[d] === 1) continue;
      if (strides[d] !== expected) contiguous = false;
      if (strides[d] !== 0) broadcast = false;
      expected *= shape[d];
    }
    if (contiguous) out.push('contiguous');
    else if (broadcast) out.push('broadcast');
    else return null;
  }
  return out;
}

/**
 * An elementwise map over contiguous operands: no div/mod per dim, only offsets. Where the count
 * and every contiguous operand's offset are multiples of 4 (and no buffer is read both whole and as
 * a broadcast element), each invocation loads and stores one vec4 per operand and runs the body on
 * its 4 lanes (unrolled); otherwise one element per invocation, at offset + i. Results are those of
 * the strided kernel: the body is the same f32/i32 code per element.
 */
function contiguousMap(
  ctx: GpuContext,
  spec: MapSpec,
  n: number,
  layout: readonly FlatOperand[],
  bindings: readonly Binding[],
  slot: readonly number[],
  types: readonly WgslScalar[],
): void {
  const nops = spec.operands.length;
  const params = spec.params ?? [];
  const bindingBroadcast = bindings.map(() => false);
  const bindingWhole = bindings.map(() => false);
  layout.forEach((l, k) => {
    if (l === 'broadcast') bindingBroadcast[slot[k]] = true;
    else bindingWhole[slot[k]] = true;
  });
  const vec4 = n % 4 === 0 && spec.operands.every((v, k) => layout[k] === 'broadcast' || v.offset % 4 === 0) && bindings.every((_, j) => !(bindingBroadcast[j] && bindingWhole[j]));
  const w = new Words(1 + nops + params.length);
  w.u32(vec4 ? n / 4 : n);
  spec.operands.forEach((v, k) => w.u32(vec4 && layout[k] === 'contiguous' ? v.offset / 4 : v.offset));
  const p0 = w.length;
  for (const p of params) w.param(p);
  const shader: ShaderSource = {
    key: shaderKey('contiguous map', bindings, types, vec4, layout.join(), slot.join(), spec.written.join(), params.map((p) => p.type).join(), spec.body),
    code: () => contiguousMapCode(spec, vec4, layout, bindings, slot, types, p0),
  };
  ctx.dispatch(shader, [{ buffer: ctx.paramBuffer(w.buffer), writable: false }, ...bindings], groupsFor(vec4 ? n / 4 : n));
}

/** contiguousMap's WGSL: offsets only (or vec4 lanes), then the body; parameters from word p0 on. */
function contiguousMapCode(
  spec: MapSpec,
  vec4: boolean,
  layout: readonly FlatOperand[],
  bindings: readonly Binding[],
  slot: readonly number[],
  types: readonly WgslScalar[],
  p0: number,
): string {
  const nops = spec.operands.length;
  const written = new Set(spec.written);
  const bindingBroadcast = bindings.map(() => false);
  layout.forEach((l, k) => {
    if (l === 'broadcast') bindingBroadcast[slot[k]] = true;
  });
  const lines: string[] = [];
  lines.push(...paramLets(spec.params ?? [], p0));
  const b = (k: number) => `b${slot[k] + 1}`;
  let body: string;
  let decl: string;
  if (vec4) {
    const reads = new Set<number>();
    for (const m of spec.body.matchAll(/\$(\d+)\[o(\d+)\]/g)) reads.add(Number(m[1]));
    for (let k = 0; k < nops; k++) {
      if (layout[k] === 'broadcast') lines.push(`  let s${k} = ${b(k)}[prm[${1 + k}u]];`);
      else if (written.has(k)) lines.push(`  var w${k}${reads.has(k) ? ` = ${b(k)}[i + prm[${1 + k}u]]` : `: vec4<${types[slot[k]]}>`};`);
      else lines.push(`  let v${k} = ${b(k)}[i + prm[${1 + k}u]];`);
    }
    const lane = (j: number) =>
      spec.body
        .replace(/\$(\d+)\[o\1\](\s*=(?!=))/g, (_, k: string, eq: string) => `w${k}[${j}]${eq}`)
        .replace(/\$(\d+)\[o\1\]/g, (_, k: string) => (layout[Number(k)] === 'broadcast' ? `s${k}` : written.has(Number(k)) ? `w${k}[${j}]` : `v${k}[${j}]`));
    for (let j = 0; j < 4; j++) lines.push(`  {\n${lane(j)}\n  }`);
    for (const k of spec.written) lines.push(`  ${b(k)}[i + prm[${1 + k}u]] = w${k};`);
    body = lines.join('\n');
    decl = [
      '@group(0) @binding(0) var<storage, read> prm: array<u32>;',
      ...bindings.map((bd, j) => `@group(0) @binding(${j + 1}) var<storage, ${bd.writable ? 'read_write' : 'read'}> b${j + 1}: array<${bindingBroadcast[j] ? types[j] : `vec4<${types[j]}>`}>;`),
    ].join('\n');
  } else {
    for (let k = 0; k < nops; k++) lines.push(`  let o${k} = ${layout[k] === 'broadcast' ? `prm[${1 + k}u]` : `i + prm[${1 + k}u]`};`);
    body = `${lines.join('\n')}\n${spec.body.replace(/\$(\d+)/g, (_, k: string) => b(Number(k)))}`;
    decl = declarations(bindings, types);
  }
  const uses = bindings.map((_, j) => `  _ = arrayLength(&b${j + 1});`).join('\n');
  return `${PRELUDE}
${decl}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WORKGROUP}u;
  if (i >= prm[0]) { return; }
${uses}
${body}
}
`;
}
