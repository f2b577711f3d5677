import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildJob } from './shared-state-child';

type WithoutStart<T> = T extends unknown ? Omit<T, 'startAt'> : never;

const child = path.join(import.meta.dirname, 'shared-state-child.ts');

/** Runs each job in a process of its own (real processes on one database file: ADR 0020), all at once; their results. */
export async function runInProcesses<Result>(jobs: Array<WithoutStart<ChildJob>>): Promise<Result[]> {
  // Loading TypeScript takes a second or two on a busy machine: they all start the job at one moment after that.
  const startAt = Date.now() + 4_000;
  return Promise.all(
    jobs.map(
      (job) =>
        new Promise<Result>((resolve, reject) => {
          const process_ = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify({ ...job, startAt })], { stdio: ['ignore', 'pipe', 'inherit'] });
          let output = '';
          process_.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
          process_.once('error', reject);
          process_.once('exit', (code) => {
            if (code !== 0) reject(new Error(`a test process exited with ${code}`));
            else resolve(JSON.parse(output) as Result);
          });
        }),
    ),
  );
}
