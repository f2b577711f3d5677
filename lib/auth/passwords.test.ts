import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashNeedsUpgrade, hashPassword, passwordHashCostLog2, passwordProblem, verifyPassword } from './passwords';

/** A hash as the site stored them before N was raised to 2^17 (N=2^15). */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

// Each scrypt hash at N=2^17 is ~0.6 s of one core by design, and several run per test: on 2 shared
// cores with other work running, that alone can pass the default 5 s.
describe('hashPassword and verifyPassword', { timeout: 20_000 }, () => {
  it('stores a self-describing scrypt hash that verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('uses N=2^17 (OWASP), still verifies hashes made with N=2^15, and says those need upgrading', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(hashNeedsUpgrade(stored)).toBe(false);
    const old = oldHash('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', old)).toBe(true);
    expect(await verifyPassword('wrong horse battery staple', old)).toBe(false);
    expect(hashNeedsUpgrade(old)).toBe(true);
    // Nothing usable to upgrade from.
    expect(hashNeedsUpgrade('not a hash')).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(a).not.toBe(b);
  });

  it('treats the Unicode forms of a password alike', async () => {
    const stored = await hashPassword('caf\u00e9 au lait, noir');
    expect(await verifyPassword('cafe\u0301 au lait, noir', stored)).toBe(true);
  });

  it.each([
    ['nothing', null],
    ['an empty string', ''],
    ['another scheme', 'argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'],
    ['too few fields', 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA=='],
    ['too many fields', `scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=$x`],
    ['N not a power of two', `scrypt$30000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`],
    ['a huge cost', `scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`],
    ['a non-numeric cost', `scrypt$abc$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`],
    ['bad base64', `scrypt$32768$8$1$!!!!$${'A'.repeat(43)}=`],
    ['a short key', 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'],
  ])('verifies false, without throwing, against %s', async (_label, stored) => {
    await expect(verifyPassword('any password at all', stored)).resolves.toBe(false);
  });
});

describe('passwordHashCostLog2 (PASSWORD_HASH_COST)', () => {
  it('is 2^17 unless set to a whole number from 14 to 20', () => {
    expect(passwordHashCostLog2(undefined)).toBe(17);
    expect(passwordHashCostLog2('14')).toBe(14);
    expect(passwordHashCostLog2('20')).toBe(20);
    for (const unusable of ['', '13', '21', '15.5', 'fast', '-17']) expect(passwordHashCostLog2(unusable)).toBe(17);
  });
});

describe('generatePassword', () => {
  it('makes distinct 20-character URL-safe passwords that pass the policy', () => {
    const passwords = Array.from({ length: 100 }, generatePassword);
    expect(new Set(passwords).size).toBe(100);
    for (const password of passwords) {
      expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(passwordProblem(password)).toBeNull();
    }
  });
});

describe('passwordProblem', () => {
  it.each([
    ['', /too short.*at least 12/],
    ['eleven char', /too short.*at least 12 characters \(it has 11\)/],
    ['x'.repeat(201), /too long.*at most 200/],
  ])('explains what is wrong with %j', (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it.each(['twelve chars', 'x'.repeat(200), '🙂'.repeat(12)])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});
