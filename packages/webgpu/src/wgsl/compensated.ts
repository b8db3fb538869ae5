// Compensated summation in f32 as WGSL statements: Knuth's TwoSum gives each addition's rounding
// error exactly, and those errors are summed apart (Neumaier's variant of Kahan's method, Ogita-Rump-
// Oishi's Sum2), so the result is as accurate as a sum in twice f32's precision rounded once: within
// float32 rounding of the reference's double accumulation even where terms cancel. Variables: s (the
// sum), comp (the errors), p (the plain sum, which replaces s + comp where it overflows or meets an
// inf or NaN, where the errors would turn into NaN). `k` suffixes the names, for a second sum (a letter: p0, p1... name parameters).

/** Declarations of a zeroed sum. */
export const sumInit = (k = '') => `  var s${k} = 0.0; var comp${k} = 0.0; var p${k} = 0.0;`;

/** Statements adding `v` to the sum: t = s + v, comp += (s - (t - z)) + (v - z) with z = t - s. */
export const sumAdd = (v: string, k = '') =>
  `    { let y = ${v}; let t = s${k} + y; let z = t - s${k}; comp${k} = comp${k} + ((s${k} - (t - z)) + (y - z)); s${k} = t; p${k} = p${k} + y; }`;

/** The sum: s + comp, or the plain one where that is not finite. */
export const sumResult = (k = '') => `select(s${k} + comp${k}, p${k}, isnan_f(p${k}) || isinf_f(p${k}) || isnan_f(s${k} + comp${k}))`;

/** Statements zeroing the sum again. */
export const sumReset = (k = '') => `  s${k} = 0.0; comp${k} = 0.0; p${k} = 0.0;`;

export const SUM_INIT = sumInit();
export const SUM_ADD = (v: string) => sumAdd(v);
export const SUM_RESULT = sumResult();
export const SUM_RESET = sumReset();

/** Declarations of the sum of division errors (added to the result by SUM_QUOTIENTS_RESULT). */
export const QUOTIENT_ERR_INIT = '  var qerr = 0.0;';

/** Statements adding a / b to the sum, and its rounding error to qerr (a sum of quotients as if each were exact). */
export const SUM_ADD_QUOTIENT = (a: string, b: string) =>
  `    { let qa = ${a}; let qb = ${b}; let q = qa / qb; qerr = qerr + div_err_f(qa, qb, q);\n${SUM_ADD('q')}\n    }`;

/** The sum of the quotients with their rounding errors. */
export const SUM_QUOTIENTS_RESULT = `(${SUM_RESULT} + qerr)`;
