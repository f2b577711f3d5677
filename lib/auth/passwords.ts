import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost: N=2^17, r=8, p=1 (OWASP's current minimum) takes 128 MiB and about 0.6 s a hash on a
 * busy 2-core machine, which slows offline guessing. Hashes made with a lower cost (N=2^15 before
 * December 2026) still verify, and are replaced at the next successful sign-in (hashNeedsUpgrade).
 *
 * PASSWORD_HASH_COST (log2 of N, 14 to 20) changes it. The end-to-end test sites use 14: they sign in about
 * seventy times, and at 2^17 a loaded 2-core machine takes 4-8 s a hash. Never lower it on a real site.
 */
export const DEFAULT_PASSWORD_HASH_COST = 17;
export const TEST_PASSWORD_HASH_COST = 14;

export function passwordHashCostLog2(value = process.env.PASSWORD_HASH_COST): number {
  const log2 = Number(value);
  return Number.isInteger(log2) && log2 >= TEST_PASSWORD_HASH_COST && log2 <= 20 ? log2 : DEFAULT_PASSWORD_HASH_COST;
}

const currentCost = (): Cost => ({ N: 2 ** passwordHashCostLog2(), r: 8, p: 1 });
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read back from a stored hash, so a corrupt row cannot ask for gigabytes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 256 * 1024 * 1024;
const MAX_KEY_BYTES = 128;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

interface Cost {
  N: number;
  r: number;
  p: number;
}

// The same password typed on another keyboard or OS can arrive in another Unicode form.
const normalize = (password: string) => password.normalize('NFKC');

function deriveKey(password: string, salt: Buffer, keyLength: number, { N, r, p }: Cost): Promise<Buffer> {
  // Node refuses anything above maxmem (32 MiB by default); 128*N*r alone is 128 MiB at the current cost.
  const maxmem = 128 * N * r + 128 * r * p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(normalize(password), salt, keyLength, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A self-describing scrypt hash: `scrypt$N$r$p$<salt base64>$<key base64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const cost = currentCost();
  const key = await deriveKey(password, salt, KEY_BYTES, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Node's decoder skips bad characters silently; a round trip catches what the pattern lets through.
  return bytes.toString('base64') === text ? bytes : null;
}

function parsePositiveInt(text: string | undefined, max: number): number | null {
  if (text === undefined || !/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

function parseStoredHash(stored: string): { cost: Cost; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || salt === undefined || key === undefined) return null;
  const cost = { N: parsePositiveInt(n, MAX_N), r: parsePositiveInt(r, MAX_R), p: parsePositiveInt(p, MAX_P) };
  if (cost.N === null || cost.r === null || cost.p === null) return null;
  if (cost.N < 2 || (cost.N & (cost.N - 1)) !== 0 || 128 * cost.N * cost.r > MAX_MEMORY) return null;
  const saltBytes = decodeBase64(salt);
  const keyBytes = decodeBase64(key);
  if (!saltBytes || saltBytes.length < SALT_BYTES || !keyBytes || keyBytes.length < KEY_BYTES || keyBytes.length > MAX_KEY_BYTES) {
    return null;
  }
  return { cost: { N: cost.N, r: cost.r, p: cost.p }, salt: saltBytes, key: keyBytes };
}

// Hashed against when there is no usable stored hash, so "no such user" takes as long as "wrong password".
const DUMMY_SALT = Buffer.alloc(SALT_BYTES);

/**
 * Whether `password` matches `stored`. A missing or malformed stored hash verifies false (never throws),
 * after the same work as a real check, so response times do not reveal which accounts exist.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = typeof stored === 'string' ? parseStoredHash(stored) : null;
  if (!parsed) {
    await deriveKey(password, DUMMY_SALT, KEY_BYTES, currentCost());
    return false;
  }
  let key: Buffer;
  try {
    key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.cost);
  } catch {
    return false;
  }
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash, which verified, was made with a lower cost than today's and should be replaced. */
export function hashNeedsUpgrade(stored: string): boolean {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.cost;
  const cost = currentCost();
  return N < cost.N || r < cost.r || p < cost.p || parsed.key.length < KEY_BYTES;
}

/** A random 20-character URL-safe password (120 bits), for new accounts and resets. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** What is wrong with a newly chosen password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...normalize(password)].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `The password is too short: use at least ${PASSWORD_MIN_LENGTH} characters (it has ${length}). A few unrelated words make a long password easy to remember.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `The password is too long: use at most ${PASSWORD_MAX_LENGTH} characters (it has ${length}).`;
  }
  return null;
}
