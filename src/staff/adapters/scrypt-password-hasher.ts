// Password hashing with Node's scrypt: a random salt per password, explicit cost, and a stored form
// that names its own parameters (`scrypt$N$r$p$salt$hash`, base64url), so the cost can be raised
// later without breaking the hashes already stored.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../accounts.js';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet lists N=2^17, r=8, p=1 and, as equally strong, N=2^15,
 * r=8, p=3. The second needs 32 MiB per hash instead of 128 MiB: ten staff signing in at once stay
 * well inside a small container. About 0.3 s per hash on one core of the test machine.
 */
export const defaultScryptCost: ScryptCost = { N: 2 ** 15, r: 8, p: 3 };

const saltBytes = 16;
const keyBytes = 32;
const encodedPattern = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses anything above maxmem (32 MiB by default).
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 128 * cost.N * cost.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error))));
}

/** @example const hasher = new ScryptPasswordHasher(); const stored = await hasher.hash('lang nok adgangskode'); */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost: ScryptCost = defaultScryptCost) {
    if (!Number.isInteger(Math.log2(cost.N)) || cost.N < 2) throw new Error(`scrypt N must be a power of two (got ${cost.N})`);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(saltBytes);
    const key = await derive(password, salt, this.cost, keyBytes);
    const { N, r, p } = this.cost;
    return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const match = encodedPattern.exec(encoded);
    if (match === null) return false;
    const [, N, r, p, salt, expectedKey] = match as unknown as [string, string, string, string, string, string];
    const cost = { N: Number(N), r: Number(r), p: Number(p) };
    // A stored hash is trusted data, but a corrupt one must not make a sign-in take minutes.
    if (cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16) return false;
    const expected = Buffer.from(expectedKey, 'base64url');
    if (expected.length < 16) return false;
    const actual = await derive(password, Buffer.from(salt, 'base64url'), cost, expected.length);
    return timingSafeEqual(actual, expected);
  }
}
