// @ts-check
// Starts the production server (server/cluster.ts) for `npm start` and `npm run serve`: with the Node flags and
// malloc settings that bound each process's memory (server/process-flags.mjs), passing signals on, and exiting
// with the server's code. Plain JavaScript: scripts/start.mjs runs before TypeScript tooling is installed.
import { spawn } from 'node:child_process';
import { serverNodeFlags, serverProcessEnv } from '../../server/process-flags.mjs';

/**
 * @param {string} root the project's folder
 * @param {Record<string, string | undefined>} env
 */
export function runServer(root, env) {
  const flags = serverNodeFlags(env);
  if (!flags.ok) {
    console.error(flags.reason);
    process.exit(1);
  }
  const server = spawn(process.execPath, [...flags.flags, '--import', 'tsx', 'server/cluster.ts'], { cwd: root, stdio: 'inherit', env: serverProcessEnv(env) });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}
