// UTF-8 encoding through the platform's TextEncoder / TextDecoder (browsers, Node, Deno, Bun),
// typed locally so the package needs neither DOM nor Node type definitions.
interface TextEncoderLike {
  encode(text: string): Uint8Array;
}
interface TextDecoderLike {
  decode(bytes: Uint8Array): string;
}
interface TextCodecs {
  TextEncoder: new () => TextEncoderLike;
  TextDecoder: new (label: string, options: { fatal: boolean }) => TextDecoderLike;
}

const codecs = globalThis as unknown as TextCodecs;

export function utf8Encode(text: string): Uint8Array {
  return new codecs.TextEncoder().encode(text);
}

/** Decode UTF-8, throwing on invalid bytes. */
export function utf8DecodeStrict(bytes: Uint8Array): string {
  return new codecs.TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
