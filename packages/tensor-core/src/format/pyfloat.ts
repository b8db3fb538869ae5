/**
 * Python's float formatting (`f"{x:.{p}f}"` and `f"{x:.{p}e}"`) for doubles: the exact binary
 * value rounded half-to-even, which JS's toFixed / toExponential do not do on exact ties.
 */
function decompose(x: number): { mantissa: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: frac, exp2: -1074 };
  return { mantissa: frac | (1n << 52n), exp2: biased - 1075 };
}

/** round(num / den) with ties to even (num, den > 0). */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = 2n * (num % den);
  if (twice > den || (twice === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** |x| * 10^shift rounded half-even, exactly. */
function scaledRound(x: number, shift: number): bigint {
  const { mantissa, exp2 } = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exp2 >= 0) num <<= BigInt(exp2);
  else den <<= BigInt(-exp2);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  return roundHalfEven(num, den);
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** Python's `f"{x:.{p}f}"`. */
export function pyFixed(x: number, p: number): string {
  const s = special(x);
  if (s) return s;
  const digits = (x === 0 ? 0n : scaledRound(x, p)).toString().padStart(p + 1, '0');
  const body = p === 0 ? digits : `${digits.slice(0, -p)}.${digits.slice(-p)}`;
  return (isNegative(x) ? '-' : '') + body;
}

/** Python's `f"{x:.{p}e}"`: p digits after the point, exponent sign and at least 2 digits. */
export function pyExp(x: number, p: number): string {
  const s = special(x);
  if (s) return s;
  let e = 0;
  let n = 0n;
  if (x !== 0) {
    e = Math.floor(Math.log10(Math.abs(x)));
    const lo = 10n ** BigInt(p);
    const hi = lo * 10n;
    for (let tries = 0; tries < 4; tries++) {
      n = scaledRound(x, p - e);
      if (n < lo) e -= 1;
      else if (n >= hi) {
        // either the estimate of e was low or rounding carried into a new digit
        const again = scaledRound(x, p - e - 1);
        e += 1;
        n = again;
        if (n < hi) break;
      } else break;
    }
  }
  const digits = n.toString().padStart(p + 1, '0');
  const mant = p === 0 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const expStr = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return `${isNegative(x) ? '-' : ''}${mant}e${expStr}`;
}
