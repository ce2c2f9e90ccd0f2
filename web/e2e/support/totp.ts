// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second steps) for the staff fixture, with node:crypto.
// Codes are single-use on the server, so freshTotp() waits for the next step rather than reuse one.
import { createHmac } from 'node:crypto';

const kStepSeconds = 30;
const kBase32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = kBase32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return binary.toString().padStart(6, '0');
}

export function totpAt(secretBase32: string, unixMs: number): string {
  return hotp(base32Decode(secretBase32), Math.floor(unixMs / 1000 / kStepSeconds));
}

const lastStep = new Map<string, number>();

/** A code from a time step not used before for this secret (waits up to 30 s when needed). */
export async function freshTotp(secretBase32: string): Promise<string> {
  let step = Math.floor(Date.now() / 1000 / kStepSeconds);
  const previous = lastStep.get(secretBase32);
  if (previous !== undefined && step <= previous) {
    const waitMs = (previous + 1) * kStepSeconds * 1000 - Date.now() + 250;
    await new Promise((r) => setTimeout(r, waitMs));
    step = Math.floor(Date.now() / 1000 / kStepSeconds);
  }
  lastStep.set(secretBase32, step);
  return hotp(base32Decode(secretBase32), step);
}
