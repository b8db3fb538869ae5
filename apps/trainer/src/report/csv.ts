import { stringify } from 'csv-stringify/sync';

/**
 * CSV text (RFC 4180 quoting, `\n` line ends, a header line even without rows) from a header and
 * rows, by `csv-stringify`; numbers print as JavaScript prints them (shortest round-trip form,
 * `NaN`, `Infinity`).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (number | string)[])[]): string {
  return stringify(rows as (number | string)[][], { header: true, columns: [...header] });
}
