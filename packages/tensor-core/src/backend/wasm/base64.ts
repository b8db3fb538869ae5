// Base64 decoding for the embedded kernel binaries (generated.ts), without atob or Buffer so that it
// runs the same in every engine.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes a standard, padded base64 string encodes. */
export function decodeBase64(s: string): Uint8Array {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  let len = (s.length * 3) >> 2;
  if (s.endsWith('==')) len -= 2;
  else if (s.endsWith('=')) len -= 1;
  const out = new Uint8Array(len);
  for (let i = 0, o = 0; i < s.length; i += 4) {
    // four 6-bit digits make three bytes
    const n = (lookup[s.charCodeAt(i)] << 18) | (lookup[s.charCodeAt(i + 1)] << 12) | (lookup[s.charCodeAt(i + 2)] << 6) | lookup[s.charCodeAt(i + 3)];
    if (o < len) out[o++] = n >> 16;
    if (o < len) out[o++] = (n >> 8) & 255;
    if (o < len) out[o++] = n & 255;
  }
  return out;
}
