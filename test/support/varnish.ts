import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDebianBinary, untilAnswering } from './debian-binary';

/**
 * Debian's varnishd as our own child process, running deploy/varnish.vcl in front of a site: for the
 * end-to-end test (e2e/varnish.spec.ts) and `npm run bench -- --varnish`. .ci/run installs `varnish` and
 * `varnish-modules` (xkey).
 */

const DEBIAN_VARNISHD = '/usr/sbin/varnishd';
const DEPLOY_VCL = path.join(import.meta.dirname, '..', '..', 'deploy', 'varnish.vcl');

export interface VarnishServer {
  url: string;
  stop(): Promise<void>;
}

/** Debian's binary, else the first `varnishd` on PATH, else undefined. */
export const findVarnishd = (): string | undefined => findDebianBinary('varnishd', DEBIAN_VARNISHD);

/** deploy/varnish.vcl as shipped, with only the backend's address changed (checked to happen). */
export function deployVcl(backend: { host: string; port: number }): string {
  let vcl = fs.readFileSync(DEPLOY_VCL, 'utf8');
  for (const [from, to] of [
    ['.host = "127.0.0.1";', `.host = "${backend.host}";`],
    ['.port = "3000";', `.port = "${backend.port}";`],
  ] as const) {
    if (!vcl.includes(from)) throw new Error(`deploy/varnish.vcl no longer contains '${from}'`);
    vcl = vcl.replace(from, to);
  }
  return vcl;
}

/**
 * Starts varnishd in the foreground (-F) with deploy/varnish.vcl in front of `backend`, listening on
 * address:port, with its working folder (-n) in a temp folder removed by stop(); waits until it answers.
 */
export async function startVarnish(
  varnishd: string,
  { port, address = '127.0.0.1', backend }: { port: number; address?: string; backend: { host?: string; port: number } },
): Promise<VarnishServer> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'news-varnish-'));
  // varnishd started as root runs its worker as an unprivileged user, who must reach the folder and the VCL.
  fs.chmodSync(folder, 0o755);
  const vclFile = path.join(folder, 'news.vcl');
  fs.writeFileSync(vclFile, deployVcl({ host: backend.host ?? '127.0.0.1', port: backend.port }), { mode: 0o644 });
  const log: string[] = [];
  const child = spawn(varnishd, ['-F', '-n', path.join(folder, 'work'), '-a', `${address}:${port}`, '-f', vclFile, '-s', 'malloc,64m', '-T', 'none'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
  const url = `http://${address}:${port}`;
  const stop = await untilAnswering(child, { name: 'varnishd', folder, probeUrl: `${url}/robots.txt`, answered: (status) => status < 500, withinMs: 20_000, log: () => log.join('') });
  return { url, stop };
}
