import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDebianBinary, untilAnswering } from './debian-binary';

/**
 * nginx as our own child process: serving one HTML file (the benchmarks' static baseline), or running
 * deploy/nginx.conf in front of the site. Debian's nginx is optional for the benchmark; the caching-proxy
 * end-to-end test needs it (.ci/run installs it).
 */

const DEBIAN_NGINX = '/usr/sbin/nginx';

export interface NginxServer {
  url: string;
  /** With `tls`: where it answers HTTPS (a self-signed certificate). */
  httpsUrl?: string;
  stop(): Promise<void>;
}

/** Debian's binary, else the first `nginx` on PATH, else undefined. */
export const findNginx = (): string | undefined => findDebianBinary('nginx', DEBIAN_NGINX);

/** A whole nginx.conf around `httpBlock`, with every file nginx writes kept inside `prefix`. */
function nginxConf(prefix: string, httpBlock: string): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(prefix, name)};`;
  // `daemon off` is passed with -g only: nginx refuses a directive given both there and in the file.
  return `worker_processes auto;
error_log ${path.join(prefix, 'error.log')};
pid ${path.join(prefix, 'nginx.pid')};
events {}
http {
  access_log off;
  # Temp folders inside the prefix: the compiled-in /var/lib/nginx is not writable without root.
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
${httpBlock}
}
`;
}

function errorLog(prefix: string): string {
  const file = path.join(prefix, 'error.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
}

/**
 * Serves `html` for every path on 127.0.0.1:port: the "what a static file costs" baseline.
 */
export function serveStaticHtml(nginx: string, html: Buffer | string, port: number): Promise<NginxServer> {
  return startNginx(nginx, port, '127.0.0.1', (prefix) => {
    const root = path.join(prefix, 'html');
    fs.mkdirSync(root, { mode: 0o755 });
    fs.writeFileSync(path.join(root, 'article.html'), html, { mode: 0o644 });
    return `  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {
      try_files /article.html =404;
      default_type text/html;
    }
  }`;
  });
}

const DEPLOY_CONF = path.join(import.meta.dirname, '..', '..', 'deploy', 'nginx.conf');

/** A self-signed certificate for `host`, valid for a day, written into `folder`. */
function selfSignedCertificate(folder: string, host: string): { certificate: string; key: string } {
  const certificate = path.join(folder, 'tls-cert.pem');
  const key = path.join(folder, 'tls-key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', `/CN=${host}`, '-keyout', key, '-out', certificate], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr}`);
  fs.chmodSync(key, 0o644);
  return { certificate, key };
}

/**
 * deploy/nginx.conf as shipped, in front of the site at `upstreamPort`, listening on address:port (127.0.0.1) with its
 * cache in the server's temp folder: the only three lines changed, and each change is checked to happen.
 * With `tls`, the lines marked `#tls ` are turned on too, with a self-signed certificate, HTTPS answering on
 * the same port at another loopback address (`tls.address`).
 */
export function startCachingProxy(
  nginx: string,
  { port, upstreamPort, address = '127.0.0.1', tls }: { port: number; upstreamPort: number; address?: string; tls?: { address: string } },
): Promise<NginxServer> {
  return startNginx(nginx, port, address, (prefix) => {
    const replacements: [string, string][] = [
      ['server 127.0.0.1:3000;', `server 127.0.0.1:${upstreamPort};`],
      ['listen 80;', `listen ${address}:${port};`],
      ['proxy_cache_path /var/cache/nginx/news ', `proxy_cache_path ${path.join(prefix, 'cache')} `],
    ];
    let conf = fs.readFileSync(DEPLOY_CONF, 'utf8');
    if (tls) {
      const { certificate, key } = selfSignedCertificate(prefix, tls.address);
      if (!/^\s*#tls /m.test(conf)) throw new Error('deploy/nginx.conf has no lines marked "#tls "');
      conf = conf.replace(/^(\s*)#tls /gm, '$1');
      replacements.push(
        ['listen 443 ssl http2;', `listen ${tls.address}:${port} ssl http2;`],
        ['/etc/letsencrypt/live/news.example.com/fullchain.pem', certificate],
        ['/etc/letsencrypt/live/news.example.com/privkey.pem', key],
      );
    }
    for (const [from, to] of replacements) {
      if (!conf.includes(from)) throw new Error(`deploy/nginx.conf no longer contains "${from}"`);
      conf = conf.replace(from, to);
    }
    return conf;
  }).then((server) => (tls ? { ...server, httpsUrl: `https://${tls.address}:${port}` } : server));
}

/**
 * Starts nginx with the http block `configure` writes (given a private prefix folder) as our own child
 * process (master PID known, so it is stopped by that PID), and waits until it answers on `port`.
 * Its files live in their own temp folder, removed by stop().
 */
async function startNginx(nginx: string, port: number, address: string, configure: (prefix: string) => string): Promise<NginxServer> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'news-nginx-'));
  // nginx started as root runs its workers as an unprivileged user, who must reach and read the files
  // (mkdtemp creates the folder as 0700).
  fs.chmodSync(prefix, 0o755);
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, nginxConf(prefix, configure(prefix)));
  // -e: startup messages go to the prefix too, not to the compiled-in log path.
  const child = spawn(nginx, ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://${address}:${port}`;
  const stop = await untilAnswering(child, { name: 'nginx', folder: prefix, probeUrl: `${url}/`, answered: (status) => status < 400, withinMs: 10_000, log: () => errorLog(prefix) });
  return { url, stop };
}
