// The safetensors header parser: one pass over the header's bytes that keeps only what loading
// needs. Unlike JSON.parse it builds nothing for values it does not use, counts entries as it goes
// (refusing the header past `maxEntries`), limits nesting and dims, and never recurses: its work
// and memory grow linearly with the header's bytes, and every error message stays short.
import { MAX_DEPTH, MAX_DIMS, SafetensorsError, quoteName } from './format.js';
import { utf8Decoder } from './text.js';

/** One tensor's header entry, type-checked (its values are validated against the file later). */
export interface RawEntry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

export interface RawHeader {
  /** One entry per name; a repeated name keeps its last entry, as JSON.parse does. */
  entries: RawEntry[];
  metadata: Record<string, string> | null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const EXCERPT_BYTES = 40;
/** Keys longer than this (in source bytes) cannot be 'dtype', 'shape' or 'data_offsets', even escaped. */
const FIELD_KEY_BYTES = 80;
const SIMPLE_ESCAPES = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]); // " \ / b f n r t

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function fail(message: string): never {
  throw new SafetensorsError(`loadSafetensors(): ${message}`);
}

class HeaderParser {
  private pos = 0;
  private entryCount = 0;
  private stringEnd = 0;
  /** The closing bytes of the containers skipValue is inside. */
  private readonly closers = new Uint8Array(MAX_DEPTH + 1);
  private readonly strict = utf8Decoder(true);
  private readonly lenient = utf8Decoder(false);

  constructor(
    private readonly b: Uint8Array,
    private readonly maxEntries: number,
  ) {}

  /** The header object. The caller has checked that the bytes are UTF-8 and start with '{'. */
  parse(): RawHeader {
    const entries: RawEntry[] = [];
    const index = new Map<string, number>();
    let metadata: Record<string, string> | null = null;
    this.pos = 1;
    this.ws();
    if (this.b[this.pos] === RBRACE) this.pos++;
    else {
      for (;;) {
        const name = this.key();
        this.countEntry();
        if (name === '__metadata__') metadata = this.metadata();
        else {
          const entry = this.entry(name);
          const at = index.get(name);
          if (at === undefined) {
            index.set(name, entries.length);
            entries.push(entry);
          } else entries[at] = entry;
        }
        if (this.separator(RBRACE)) break;
      }
    }
    this.ws();
    if (this.pos < this.b.length) this.syntax('unexpected text after the header object');
    return { entries, metadata };
  }

  private countEntry(): void {
    if (++this.entryCount > this.maxEntries) {
      fail(
        `the header lists more than ${this.maxEntries} entries (tensors and '__metadata__' pairs); ` +
          'pass a larger maxEntries to load it',
      );
    }
  }

  /** `"__metadata__": {string: string}`. */
  private metadata(): Record<string, string> {
    const start = this.pos;
    if (this.b[this.pos] !== LBRACE) fail(`'__metadata__' must be an object of strings, got ${this.describe(start, 1)}`);
    this.pos++;
    this.ws();
    const out = Object.create(null) as Record<string, string>;
    if (this.b[this.pos] === RBRACE) {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.key();
      this.countEntry();
      const at = this.pos;
      if (this.b[at] !== QUOTE) fail(`'__metadata__' value ${quoteName(key)} must be a string, got ${this.describe(at, 2)}`);
      out[key] = this.string();
      if (this.separator(RBRACE)) return out;
    }
  }

  /** `{"dtype": string, "shape": [int...], "data_offsets": [int, int]}`; other fields are skipped. */
  private entry(name: string): RawEntry {
    const q = quoteName(name);
    const start = this.pos;
    if (this.b[start] !== LBRACE) {
      fail(`header entry ${q} must be an object with dtype, shape and data_offsets, got ${this.describe(start, 1)}`);
    }
    let dtype: string | undefined;
    let shape: number[] | undefined;
    let offsets: number[] | undefined;
    this.pos++;
    this.ws();
    if (this.b[this.pos] === RBRACE) this.pos++;
    else {
      for (;;) {
        const field = this.fieldKey();
        const seen = field === 'dtype' ? dtype : field === 'shape' ? shape : field === 'data_offsets' ? offsets : undefined;
        if (seen !== undefined) fail(`tensor ${q}: the field '${field}' appears twice`);
        if (field === 'dtype') dtype = this.dtype(q);
        else if (field === 'shape') shape = this.integers(q, 'shape', 'a list of non-negative integers', MAX_DIMS);
        else if (field === 'data_offsets') offsets = this.integers(q, 'data_offsets', 'two non-negative integers [begin, end]', 2);
        else this.skipValue(2);
        if (this.separator(RBRACE)) break;
      }
    }
    if (dtype === undefined) fail(`tensor ${q}: 'dtype' must be a string, got nothing`);
    if (shape === undefined) fail(`tensor ${q}: 'shape' must be a list of non-negative integers, got nothing`);
    if (offsets === undefined || offsets.length !== 2) {
      fail(`tensor ${q}: 'data_offsets' must be two non-negative integers [begin, end], got nothing`);
    }
    return { name, dtype, shape, begin: offsets[0], end: offsets[1] };
  }

  private dtype(q: string): string {
    const at = this.pos;
    if (this.b[at] !== QUOTE) fail(`tensor ${q}: 'dtype' must be a string, got ${this.describe(at, 2)}`);
    return this.string();
  }

  /** A list of at most `most` non-negative safe integers (exactly 2 for data_offsets). */
  private integers(q: string, field: string, expected: string, most: number): number[] {
    const start = this.pos;
    const bad = (): never => fail(`tensor ${q}: '${field}' must be ${expected}, got ${this.describe(start, 2)}`);
    if (this.b[start] !== LBRACKET) bad();
    this.pos++;
    this.ws();
    const out: number[] = [];
    if (this.b[this.pos] === RBRACKET) this.pos++;
    else {
      for (;;) {
        const value = this.nonNegativeInteger();
        if (value < 0) bad();
        if (out.length === most) {
          if (field === 'shape') fail(`tensor ${q}: 'shape' has more than ${MAX_DIMS} dims, the most torchlet loads`);
          bad();
        }
        out.push(value);
        if (this.separator(RBRACKET)) break;
      }
    }
    if (field === 'data_offsets' && out.length !== 2) bad();
    return out;
  }

  /** The number here when it is a non-negative safe integer, else -1. */
  private nonNegativeInteger(): number {
    const b = this.b;
    const start = this.pos;
    const c = b[start];
    if (c !== MINUS && !isDigit(c)) return -1;
    // the common case, a plain integer of at most 15 digits (exact in a double), read in place
    let i = start;
    let value = 0;
    if (c === ZERO) i++;
    else while (isDigit(b[i]) && i - start < 15) value = value * 10 + (b[i++] - ZERO);
    const next = b[i];
    if (i > start && !isDigit(next) && next !== DOT && next !== 0x65 && next !== 0x45) {
      this.pos = i;
      return value;
    }
    this.skipNumber();
    // a longer literal is no safe integer (a long fraction or exponent aside), and is never copied
    if (this.pos - start > 32) return -1;
    const parsed = Number(this.lenient.decode(b.subarray(start, this.pos)));
    return Number.isSafeInteger(parsed) && parsed >= 0 ? parsed + 0 : -1; // + 0 turns -0 into 0
  }

  /** A member key of a tensor entry, decoded only when it could name a field; then the ':'. */
  private fieldKey(): string | null {
    this.ws();
    const start = this.pos;
    if (this.b[start] !== QUOTE) this.syntax('expected a string key');
    this.skipString();
    let key: string | null = null;
    if (this.pos - start <= FIELD_KEY_BYTES) {
      this.pos = start;
      key = this.string();
    }
    this.colon();
    return key;
  }

  /** A member key (decoded) and its ':'. */
  private key(): string {
    this.ws();
    if (this.b[this.pos] !== QUOTE) this.syntax('expected a string key');
    const key = this.string();
    this.colon();
    return key;
  }

  private colon(): void {
    this.ws();
    if (this.b[this.pos] !== COLON) this.syntax("expected ':'");
    this.pos++;
    this.ws();
  }

  /** After a value inside a container: true when `close` ends it, false after a ','. */
  private separator(close: number): boolean {
    this.ws();
    const c = this.b[this.pos];
    if (c === COMMA) {
      this.pos++;
      this.ws();
      return false;
    }
    if (c === close) {
      this.pos++;
      return true;
    }
    return this.syntax(`expected ',' or '${String.fromCharCode(close)}'`);
  }

  /** The string at `pos` (a '"'), decoded. */
  private string(): string {
    const start = this.pos;
    const escaped = this.scanString();
    const end = this.stringEnd;
    this.pos = end + 1;
    if (!escaped) return this.strict.decode(this.b.subarray(start + 1, end));
    try {
      // the scan has checked every escape, so JSON.parse reads the literal exactly
      return JSON.parse(this.strict.decode(this.b.subarray(start, end + 1))) as string;
    } catch {
      this.pos = start;
      return this.syntax('a malformed string');
    }
  }

  private skipString(): void {
    this.scanString();
    this.pos = this.stringEnd + 1;
  }

  /** Find the closing quote of the string at `pos` (sets `stringEnd`); whether it has escapes. */
  private scanString(): boolean {
    const b = this.b;
    let escaped = false;
    let i = this.pos + 1;
    for (;;) {
      if (i >= b.length) {
        this.pos = i;
        this.syntax('an unterminated string');
      }
      const c = b[i];
      if (c === QUOTE) break;
      if (c < 0x20) {
        this.pos = i;
        this.syntax('a control character in a string');
      }
      if (c === BACKSLASH) {
        escaped = true;
        const e = b[i + 1];
        if (e === 0x75) {
          // \uXXXX
          for (let k = 2; k < 6; k++) {
            if (!isHex(b[i + k])) {
              this.pos = i;
              this.syntax('a malformed \\u escape');
            }
          }
          i += 6;
          continue;
        }
        if (!SIMPLE_ESCAPES.has(e)) {
          this.pos = i;
          this.syntax('a malformed escape');
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.stringEnd = i;
    return escaped;
  }

  /** Skip a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private skipNumber(): void {
    const b = this.b;
    let i = this.pos;
    if (b[i] === MINUS) i++;
    if (b[i] === ZERO) i++;
    else if (isDigit(b[i])) while (isDigit(b[i])) i++;
    else {
      this.pos = i;
      this.syntax('a malformed number');
    }
    if (b[i] === DOT) {
      i++;
      if (!isDigit(b[i])) {
        this.pos = i;
        this.syntax('a malformed number');
      }
      while (isDigit(b[i])) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === PLUS || b[i] === MINUS) i++;
      if (!isDigit(b[i])) {
        this.pos = i;
        this.syntax('a malformed number');
      }
      while (isDigit(b[i])) i++;
    }
    this.pos = i;
  }

  private skipLiteral(): void {
    for (const word of ['true', 'false', 'null']) {
      let k = 0;
      while (k < word.length && this.b[this.pos + k] === word.charCodeAt(k)) k++;
      if (k === word.length) {
        this.pos += k;
        return;
      }
    }
    this.syntax('expected a value');
  }

  /**
   * Skip one value (checking its syntax) inside `depth` enclosing containers, with an explicit
   * stack instead of recursion; more than MAX_DEPTH nested containers are refused.
   */
  private skipValue(depth: number): void {
    const b = this.b;
    const stack = this.closers;
    let top = 0;
    let i = this.pos;
    value: for (;;) {
      let c = b[i];
      while (isSpace(c)) c = b[++i];
      if (c === LBRACE || c === LBRACKET) {
        if (depth + top + 1 > MAX_DEPTH) {
          fail(`the header nests arrays and objects more than ${MAX_DEPTH} deep (at byte ${i} of the header)`);
        }
        const close = c === LBRACE ? RBRACE : RBRACKET;
        c = b[++i];
        while (isSpace(c)) c = b[++i];
        if (c === close) i++;
        else {
          stack[top++] = close;
          if (close === RBRACE) {
            this.pos = i;
            this.memberKey();
            i = this.pos;
          }
          continue;
        }
      } else {
        this.pos = i;
        if (c === QUOTE) this.skipString();
        else if (c === MINUS || isDigit(c)) this.skipNumber();
        else this.skipLiteral();
        i = this.pos;
      }
      // the value is complete: close the containers it ends, or go on to the next element
      while (top > 0) {
        c = b[i];
        while (isSpace(c)) c = b[++i];
        const close = stack[top - 1];
        if (c === COMMA) {
          i++;
          if (close === RBRACE) {
            this.pos = i;
            this.memberKey();
            i = this.pos;
          }
          continue value;
        }
        if (c !== close) {
          this.pos = i;
          this.syntax(`expected ',' or '${String.fromCharCode(close)}'`);
        }
        i++;
        top--;
      }
      this.pos = i;
      return;
    }
  }

  private memberKey(): void {
    this.ws();
    if (this.b[this.pos] !== QUOTE) this.syntax('expected a string key');
    this.skipString();
    this.colon();
  }

  /** The value at `start` (skipped, so its syntax is checked) as a short excerpt of its text. */
  private describe(start: number, depth: number): string {
    this.pos = start;
    this.skipValue(depth);
    const end = this.pos;
    const cut = Math.min(end, start + EXCERPT_BYTES);
    const text = this.lenient.decode(this.b.subarray(start, cut));
    return cut < end ? `${text}… (${end - start} bytes)` : text;
  }

  private ws(): void {
    const b = this.b;
    let i = this.pos;
    while (i < b.length && isSpace(b[i])) i++;
    this.pos = i;
  }

  private syntax(what: string): never {
    const where = this.pos >= this.b.length ? `at the end of the ${this.b.length}-byte header` : `at byte ${this.pos} of the header`;
    return fail(`the header is not valid JSON (${what} ${where})`);
  }
}

/** Parse a header (UTF-8 bytes starting with '{'), refusing it past `maxEntries` entries. */
export function parseHeader(bytes: Uint8Array, maxEntries: number): RawHeader {
  return new HeaderParser(bytes, maxEntries).parse();
}
