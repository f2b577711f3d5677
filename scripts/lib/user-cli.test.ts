import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { withTestDatabase } from '@/test/support/database';
import { createUser, getUserByEmail } from '@/db/users';
import { verifyPassword } from '@/lib/auth/passwords';
import { resumeSession, startSession } from '@/lib/auth/sessions';
import { createUserCommand, parseCreateUserArgs, parseResetPasswordArgs, resetPasswordCommand } from './user-cli';

describe('parseCreateUserArgs', () => {
  it('reads the options, normalising the email and defaulting the name', () => {
    expect(parseCreateUserArgs(['--email', ' Ed@Example.com', '--role', 'editor'])).toEqual({
      ok: true,
      value: { email: 'ed@example.com', role: 'editor', name: 'ed', passwordFromStdin: false },
    });
    expect(parseCreateUserArgs(['--email=a@b.co', '--role=writer', '--name', ' Amara Osei ', '--password-stdin'])).toEqual({
      ok: true,
      value: { email: 'a@b.co', role: 'writer', name: 'Amara Osei', passwordFromStdin: true },
    });
  });

  it.each([
    [[], /Missing --email/],
    [['--role', 'admin'], /Missing --email/],
    [['--email', 'a@b.co'], /Missing --role \(one of admin, editor, writer\)/],
    [['--email', 'a@b.co', '--role', 'owner'], /Unknown role "owner": use one of admin, editor, writer/],
    [['--email', 'a@b.co', '--role', 'Admin'], /Unknown role "Admin"/],
    [['--email', 'not-an-email', '--role', 'admin'], /"not-an-email" is not an email address/],
    [['--email', 'a b@c.co', '--role', 'admin'], /not an email address/],
    [['--email', 'a@localhost', '--role', 'admin'], /not an email address/],
    [['--email', '--role', 'admin'], /--email/],
    [['--email', 'a@b.co', '--role', 'admin', '--name', '  '], /--name is empty/],
    [['--email', 'a@b.co', '--role', 'admin', '--name', 'x'.repeat(101)], /longer than 100/],
    [['--email', 'a@b.co', '--role', 'admin', '--emial', 'x'], /Unknown option '--emial'/],
    [['--email', 'a@b.co', '--role', 'admin', 'extra'], /extra/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseCreateUserArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('parseResetPasswordArgs', () => {
  it('needs one valid email', () => {
    expect(parseResetPasswordArgs(['--email', 'A@B.co'])).toEqual({ ok: true, value: { email: 'a@b.co' } });
    expect(parseResetPasswordArgs([])).toMatchObject({ ok: false, error: 'Missing --email.' });
    expect(parseResetPasswordArgs(['--email', 'a@b.co', '--role', 'admin'])).toMatchObject({ ok: false });
  });
});

// Each scrypt hash at N=2^17 is ~0.6 s of one core by design, and several run per test: on 2 shared
// cores with other work running, that alone can pass the default 5 s.
describe('the commands', { timeout: 20_000 }, () => {
  const database = withTestDatabase();
  let db: Db;
  let out: string[];
  let err: string[];
  let stdin: string;
  let opened: number;
  beforeEach(() => {
    db = database();
    out = [];
    err = [];
    stdin = '';
    opened = 0;
  });
  const io = () => ({
    openDb: () => {
      opened++;
      return db;
    },
    readStdin: async () => stdin,
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
  });

  it('creates a user with a generated password, shown once', async () => {
    expect(await createUserCommand(['--email', 'Ed@Example.com', '--role', 'editor', '--name', 'Ed Ito'], io())).toBe(0);
    expect(out[0]).toBe('Created editor ed@example.com (Ed Ito).');
    const password = out[1]?.match(/^Password \(shown only this once\): (\S{20})$/)?.[1];
    const user = getUserByEmail('ed@example.com', db);
    expect(user).toMatchObject({ name: 'Ed Ito', role: 'editor' });
    expect(await verifyPassword(password ?? '', user?.passwordHash)).toBe(true);
    expect(listAudit({ limit: 5 }, db)).toMatchObject([{ action: 'user.create', entityId: user?.id }]);
  });

  it('creates a user with a password from stdin, without printing it', async () => {
    stdin = 'a long enough passphrase\n';
    expect(await createUserCommand(['--email', 'ed@example.com', '--role', 'writer', '--password-stdin'], io())).toBe(0);
    expect(out).toEqual(['Created writer ed@example.com (ed).']);
    const stored = getUserByEmail('ed@example.com', db)?.passwordHash;
    expect(await verifyPassword('a long enough passphrase', stored)).toBe(true);
  });

  it('fails with a message, without opening the database, on bad arguments or a weak password', async () => {
    expect(await createUserCommand(['--email', 'ed@example.com', '--role', 'chief'], io())).toBe(1);
    expect(err).toEqual([expect.stringMatching(/Unknown role/), expect.stringMatching(/^Usage: npm run user:create/)]);
    stdin = 'short\n';
    expect(await createUserCommand(['--email', 'ed@example.com', '--role', 'writer', '--password-stdin'], io())).toBe(1);
    expect(err[2]).toMatch(/too short/);
    expect(opened).toBe(0);
  });

  it('fails with a message when the email is taken', async () => {
    createUser({ email: 'ed@example.com', name: 'Ed', role: 'writer', passwordHash: 'h' }, db);
    expect(await createUserCommand(['--email', 'ED@example.com', '--role', 'admin'], io())).toBe(1);
    expect(err).toEqual([expect.stringMatching(/ed@example.com is already taken.*user:reset-password/)]);
    expect(out).toEqual([]);
  });

  it('resets a password and ends the sessions', async () => {
    const id = createUser({ email: 'ed@example.com', name: 'Ed', role: 'writer', passwordHash: 'h' }, db);
    const token = startSession(id, Date.now(), db);
    expect(await resetPasswordCommand(['--email', 'ed@example.com'], io())).toBe(0);
    const password = out[0]?.match(/^New password for ed@example.com \(shown only this once\): (\S{20})$/)?.[1];
    expect(await verifyPassword(password ?? '', getUserByEmail('ed@example.com', db)?.passwordHash)).toBe(true);
    expect(out[1]).toBe('Signed out of 1 session.');
    expect(resumeSession(token, Date.now(), db)).toBeNull();
  });

  it('fails with a message when there is no such account', async () => {
    expect(await resetPasswordCommand(['--email', 'nobody@example.com'], io())).toBe(1);
    expect(err).toEqual(['No account has the email nobody@example.com.']);
  });
});
