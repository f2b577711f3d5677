/**
 * One of several processes claiming webhook deliveries from the same SQLite file (lib/webhooks/sender.test.ts):
 * claims one at a time with a long lease, as the sender does, until the outbox has nothing due, and
 * prints the ids it got as JSON. Usage: node --import tsx test/support/webhook-claimer.ts FILE NAME
 */
import { openDatabase } from '@/db/client';
import { claimDueDeliveries } from '@/db/webhooks';

const [file, name] = process.argv.slice(2);
const db = openDatabase(file);
const got: number[] = [];
// Both processes start together: wait for the parent's go on stdin.
process.stdin.once('data', () => {
  let empty = 0;
  for (let claim = 1; empty < 3; claim++) {
    const claimed = claimDueDeliveries({ now: Date.now(), leaseMs: 600_000, limit: 1, token: `${name}-${claim}` }, db);
    if (claimed.length === 0) empty++;
    else got.push(...claimed.map((d) => d.id));
  }
  db.$client.close();
  process.stdout.write(JSON.stringify(got));
  process.exit(0);
});
