import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The site has no secret to commit: sessions are random tokens stored only as hashes, the scheduler's
 * token is made by each server process, and Next generates its action key and preview ids into each
 * build folder. This keeps it that way: nothing that looks like a key, an environment file or a
 * database is in the repository.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const trackedFiles = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

const SECRET_FILE_NAMES = [/(^|\/)\.env(\.|$)/, /\.(pem|key|p12|pfx|keystore)$/i, /(^|\/)id_(rsa|ed25519|ecdsa)$/, /\.(db|sqlite|sqlite3|backup)$/i];
// Built from parts, so this file does not match itself.
const SECRET_CONTENT = [
  new RegExp(`-----BEGIN[A-Z ]*${'PRIVATE'} KEY-----`),
  new RegExp(`${'AK'}IA[0-9A-Z]{16}`),
  new RegExp(`${'gh'}[pousr]_[A-Za-z0-9]{36}`),
  new RegExp(`${'xo'}x[abpr]-[A-Za-z0-9-]{10,}`),
  new RegExp(`${'sk'}_live_[A-Za-z0-9]{16,}`),
];

describe('the repository', () => {
  it('lists its files (this test needs a git checkout)', () => {
    expect(trackedFiles.length).toBeGreaterThan(100);
  });

  it('holds no environment file, key file or database', () => {
    expect(trackedFiles.filter((file) => SECRET_FILE_NAMES.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('holds no private key or access token in any text file', () => {
    const suspicious = trackedFiles.filter((file) => {
      const full = path.join(root, file);
      if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) return false;
      const text = fs.readFileSync(full, 'latin1');
      return SECRET_CONTENT.some((pattern) => pattern.test(text));
    });
    expect(suspicious).toEqual([]);
  });

  it('recognises a private key and a token when it sees one', () => {
    const key = ['-----BEGIN', 'RSA PRIVATE', 'KEY-----'].join(' ');
    expect(SECRET_CONTENT.some((pattern) => pattern.test(`${key}\nMIIE...`))).toBe(true);
    expect(SECRET_CONTENT.some((pattern) => pattern.test(`token = "${'gh'}p_${'a'.repeat(36)}"`))).toBe(true);
    expect(SECRET_FILE_NAMES.some((pattern) => pattern.test('config/.env'))).toBe(true);
  });
});
