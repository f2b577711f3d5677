import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('hashPassword and verifyPassword', () => {
  it('stores a self-describing scrypt hash that verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
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
