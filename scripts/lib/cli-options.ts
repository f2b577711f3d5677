import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Option parsing for the one-off scripts: a mistyped option prints the problem and the usage, not a stack trace. */

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptionsOrExit<T extends Options>(options: T, usage: string) {
  try {
    return parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(1);
  }
}

/** A whole number option within bounds (underscores allowed as digit separators: 5_000_000), or exit with the usage. */
export function wholeNumberOrExit(name: string, raw: string, { min, max }: { min: number; max: number }, usage: string): number {
  const n = /^[0-9][0-9_]*$/.test(raw) ? Number(raw.replaceAll('_', '')) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.\n${usage}`);
    process.exit(1);
  }
  return n;
}
