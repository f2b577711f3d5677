import { prepareFreshSite, startSite } from '../test/support/site-server';
import { addTestContent, e2eSite } from './site';

/** Playwright's web server: a fresh, seeded, freshly built site that stops when Playwright stops it. */
await prepareFreshSite(e2eSite, addTestContent);
const site = await startSite(e2eSite);
console.log(`Test site ready at ${site.url} (data in ${e2eSite.dataDir})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void site.stop().then(() => process.exit(0)));
}
site.child.once('exit', (code) => process.exit(code ?? 1));
