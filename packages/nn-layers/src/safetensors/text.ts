// UTF-8 encoding through the platform's TextEncoder / TextDecoder (browsers, Node, Deno, Bun),
// typed locally so the package needs neither DOM nor Node type definitions.
interface TextEncoderLike {
  encode(text: string): Uint8Array;
}
interface TextDecoderLike {
  decode(bytes?: Uint8Array, options?: { stream: boolean }): string;
}
interface TextCodecs {
  TextEncoder: new () => TextEncoderLike;
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => TextDecoderLike;
}

const codecs = globalThis as unknown as TextCodecs;

export function utf8Encode(text: string): Uint8Array {
  return new codecs.TextEncoder().encode(text);
}

/**
 * A UTF-8 decoder. `strict` throws on invalid bytes (else they become U+FFFD). A leading byte order
 * mark is kept as U+FEFF, never silently dropped (the platform default drops it).
 */
export function utf8Decoder(strict: boolean): TextDecoderLike {
  return new codecs.TextDecoder('utf-8', { fatal: strict, ignoreBOM: true });
}

/** Whether `bytes` are valid UTF-8, checked in chunks so no string of their full size is built. */
export function isValidUtf8(bytes: Uint8Array, chunkBytes = 1 << 16): boolean {
  const decoder = utf8Decoder(true);
  try {
    for (let at = 0; at < bytes.length; at += chunkBytes) decoder.decode(bytes.subarray(at, at + chunkBytes), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}
