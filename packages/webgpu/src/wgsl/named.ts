// Named scalar parameters for runMap bodies: each becomes a WGSL `let` of its name, so a body reads
// `kH` rather than `p3`. Integers are i32, the others f32.
import type { Param } from './map.js';

export interface NamedParams {
  readonly params: Param[];
  /** WGSL lets binding each name to its parameter (p0, p1, ...). */
  readonly lets: string;
}

export function namedParams(ints: Readonly<Record<string, number>>, floats: Readonly<Record<string, number>> = {}): NamedParams {
  const params: Param[] = [];
  const lines: string[] = [];
  for (const [name, value] of Object.entries(ints)) {
    lines.push(`  let ${name} = p${params.length};`);
    params.push({ value, type: 'i32' });
  }
  for (const [name, value] of Object.entries(floats)) {
    lines.push(`  let ${name} = p${params.length};`);
    params.push({ value, type: 'f32' });
  }
  return { params, lets: lines.join('\n') };
}

/** WGSL declaring i32 coordinates `names` (outermost first) of the flat index `i` over `sizes` (WGSL i32 expressions). */
export function coordinates(names: readonly string[], sizes: readonly string[]): string {
  const lines = ['  var rest = i32(i);'];
  for (let d = names.length - 1; d >= 0; d--) {
    lines.push(d === 0 ? `  let ${names[d]} = rest;` : `  let ${names[d]} = rest % ${sizes[d]}; rest = rest / ${sizes[d]};`);
  }
  return lines.join('\n');
}
