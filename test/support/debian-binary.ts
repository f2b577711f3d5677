import type { ChildProcess } from 'node:child_process';
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

/**
 * Watches a daemon just spawned as our own child process (in the foreground, so its PID is the one to stop)
 * until `probeUrl` answers with a status `answered` accepts. Returns how to stop it: SIGTERM (nginx's master
 * takes its workers down with it), SIGKILL after 5 s, then its temp `folder` is removed. If it exits or
 * does not answer within `withinMs`, it is stopped and the error says so, with what `log()` gives.
 */
export async function untilAnswering(
  child: ChildProcess,
  { name, folder, probeUrl, answered, withinMs, log }: { name: string; folder: string; probeUrl: string; answered: (status: number) => boolean; withinMs: number; log: () => string },
): Promise<() => Promise<void>> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (running()) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(folder, { recursive: true, force: true });
  };
  const failed = async (what: string) => {
    const text = log().trim();
    await stop();
    return new Error(`${name} ${what}${text ? `:\n${text}` : ''}`);
  };
  const deadline = Date.now() + withinMs;
  let lastAnswer = 'no answer';
  for (;;) {
    if (!running()) throw await failed(`exited with ${child.exitCode ?? child.signalCode}`);
    try {
      // Not following redirects: with HTTPS on, nginx's plain-HTTP address answers with one.
      const response = await fetch(probeUrl, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
      await response.arrayBuffer();
      if (answered(response.status)) return stop;
      lastAnswer = `status ${response.status}`;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw await failed(`did not answer within ${withinMs / 1000} s (${lastAnswer})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
