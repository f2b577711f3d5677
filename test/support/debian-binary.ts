import fs from 'node:fs';
import path from 'node:path';

/**
 * A Debian daemon the tests start themselves (nginx, varnishd): Debian's own binary, else the first of that
 * name on PATH (sbin is often missing from a user's PATH), else undefined.
 */
export function findDebianBinary(name: string, debianPath: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of [debianPath, ...dirs.map((dir) => path.join(dir, name))]) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
