import { parseArgs, type ParseArgsConfig } from 'node:util';
import { recordAudit } from '@/db/audit';
import { openDatabase, type Db } from '@/db/client';
import { userRoles, type UserRole } from '@/db/schema';
import { createUser, EmailTakenError, getUserByEmail, normalizeEmail, setUserPassword } from '@/db/users';
import { generatePassword, hashPassword, passwordProblem } from '@/lib/auth/passwords';
import { isUserRole } from '@/lib/auth/roles';
import { endOtherSessions } from '@/lib/auth/sessions';

/** What the account commands need from the outside world, so tests can run them without a terminal. */
export interface CommandIo {
  openDb: () => Db;
  readStdin: () => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
}

export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const createUserUsage =
  'Usage: npm run user:create -- --email someone@example.com --role admin|editor|writer [--name "Full Name"] [--password-stdin]';
export const resetPasswordUsage = 'Usage: npm run user:reset-password -- --email someone@example.com';

const MAX_NAME_LENGTH = 100;

export function emailProblem(email: string): string | null {
  if (email.length > 254) return 'The email address is too long.';
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) return `"${email}" is not an email address.`;
  return null;
}

function parse(
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
): Parsed<Record<string, string | boolean | undefined>> {
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return { ok: true, value: values as Record<string, string | boolean | undefined> };
  } catch (error) {
    // parseArgs's messages name the option ("Unknown option '--emial'"), which is what the user needs.
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function parseEmail(value: string | boolean | undefined): Parsed<string> {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: 'Missing --email.' };
  const email = normalizeEmail(value);
  const problem = emailProblem(email);
  return problem ? { ok: false, error: problem } : { ok: true, value: email };
}

export interface CreateUserArgs {
  email: string;
  role: UserRole;
  name: string;
  passwordFromStdin: boolean;
}

export function parseCreateUserArgs(argv: readonly string[]): Parsed<CreateUserArgs> {
  const parsed = parse(argv, {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (!parsed.ok) return parsed;
  const { role, name } = parsed.value;
  const email = parseEmail(parsed.value.email);
  if (!email.ok) return email;
  if (role === undefined) return { ok: false, error: `Missing --role (one of ${userRoles.join(', ')}).` };
  if (!isUserRole(role)) return { ok: false, error: `Unknown role "${String(role)}": use one of ${userRoles.join(', ')}.` };
  const fullName = typeof name === 'string' ? name.trim() : email.value.split('@')[0]!;
  if (fullName === '') return { ok: false, error: 'The --name is empty.' };
  if (fullName.length > MAX_NAME_LENGTH) return { ok: false, error: `The --name is longer than ${MAX_NAME_LENGTH} characters.` };
  return {
    ok: true,
    value: { email: email.value, role, name: fullName, passwordFromStdin: parsed.value['password-stdin'] === true },
  };
}

export function parseResetPasswordArgs(argv: readonly string[]): Parsed<{ email: string }> {
  const parsed = parse(argv, { email: { type: 'string' } });
  if (!parsed.ok) return parsed;
  const email = parseEmail(parsed.value.email);
  return email.ok ? { ok: true, value: { email: email.value } } : email;
}

// A password piped in with `echo` or typed and ended with Enter carries one newline that is not part of it.
const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

export const createUserCommand: Command = async (argv, io) => {
  const args = parseCreateUserArgs(argv);
  if (!args.ok) {
    io.err(args.error);
    io.err(createUserUsage);
    return 1;
  }
  const { email, role, name, passwordFromStdin } = args.value;
  const password = passwordFromStdin ? withoutFinalNewline(await io.readStdin()) : generatePassword();
  const problem = passwordProblem(password);
  if (problem) {
    io.err(problem);
    return 1;
  }
  const passwordHash = await hashPassword(password);
  const db = io.openDb();
  let id: number;
  try {
    id = createUser({ email, name, role, passwordHash }, db);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    io.err(`${error.message} Use npm run user:reset-password to give it a new password.`);
    return 1;
  }
  recordAudit({ userId: null, action: 'user.create', entity: 'user', entityId: id, detail: `${role}, from the command line` }, db);
  io.out(`Created ${role} ${email} (${name}).`);
  if (!passwordFromStdin) io.out(`Password (shown only this once): ${password}`);
  return 0;
};

export const resetPasswordCommand: Command = async (argv, io) => {
  const args = parseResetPasswordArgs(argv);
  if (!args.ok) {
    io.err(args.error);
    io.err(resetPasswordUsage);
    return 1;
  }
  const db = io.openDb();
  const user = getUserByEmail(args.value.email, db);
  if (!user) {
    io.err(`No account has the email ${args.value.email}.`);
    return 1;
  }
  const password = generatePassword();
  setUserPassword(user.id, await hashPassword(password), db);
  const ended = endOtherSessions(user.id, undefined, db);
  recordAudit({ userId: null, action: 'user.reset-password', entity: 'user', entityId: user.id, detail: 'from the command line' }, db);
  io.out(`New password for ${user.email} (shown only this once): ${password}`);
  io.out(`Signed out of ${ended} session${ended === 1 ? '' : 's'}.`);
  if (user.disabledAt !== null) io.out('Note: this account is disabled; it cannot sign in until it is enabled again.');
  return 0;
};

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  if (stream.isTTY) process.stderr.write('Type the password, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs a command against the real database (DATA_DIR) and terminal, and closes the database after. */
export async function runFromCommandLine(command: Command): Promise<void> {
  const opened: Db[] = [];
  try {
    process.exitCode = await command(process.argv.slice(2), {
      openDb: () => {
        const db = openDatabase();
        opened.push(db);
        return db;
      },
      readStdin: () => readAll(process.stdin),
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    for (const db of opened) db.$client.close();
  }
}
