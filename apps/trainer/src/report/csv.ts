/** CSV text from a header and rows of numbers/strings (numbers printed in full precision). */
export function toCsv(header: readonly string[], rows: readonly (readonly (number | string)[])[]): string {
  const cell = (v: number | string): string => {
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : String(v);
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
