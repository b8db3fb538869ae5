// Numbers in module reprs as Python prints them (PyTorch's extra_repr formats Python values).

/** repr(float(v)): `1.0`, `0.5`, `1e-05`, `1e+16`, `inf`, `nan`. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = v.toExponential().split('e');
  const e = Number(exp);
  // Python switches to exponent notation below 1e-4 and from 1e16, with at least two exponent digits
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  const text = String(v);
  return Number.isInteger(v) ? `${text}.0` : text;
}

/** A value whose PyTorch default is an int (Softplus' beta = 1): integers print as ints, others as floats. */
export function pyNumber(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pyFloat(v);
}
