import cluster from 'node:cluster';
import { listenToOtherWorkers, relayBetweenWorkers, tellOtherWorkers, type BusMessage } from '@/lib/worker-bus';

/**
 * A cluster of three workers for lib/worker-bus.test.ts: once all are listening, worker 1 tells the others
 * two messages; then each reports what it heard to the primary, which prints one JSON line per worker.
 */
type Control = { ready: true } | { report: BusMessage[] } | { speak: true } | { tell: true };
const isControl = (value: unknown): value is Control => typeof value === 'object' && value !== null && ['ready', 'report', 'speak', 'tell'].some((key) => key in value);

if (cluster.isPrimary) {
  relayBetweenWorkers();
  const heard = new Map<number, BusMessage[]>();
  let ready = 0;
  const workers = [1, 2, 3].map(() => cluster.fork());
  cluster.on('message', (worker, message: unknown) => {
    if (!isControl(message)) return;
    if ('ready' in message && ++ready === workers.length) {
      workers[0]?.send({ speak: true });
      // The bus's messages go before this one from the same worker, and the primary relays them as they come.
      setTimeout(() => workers.forEach((w) => w.send({ tell: true })), 1_000);
    }
    if ('report' in message) {
      heard.set(worker.id, message.report);
      if (heard.size < workers.length) return;
      for (const [id, messages] of [...heard].sort(([a], [b]) => a - b)) process.stdout.write(`${JSON.stringify({ worker: id, heard: messages })}\n`);
      workers.forEach((w) => w.kill());
      process.exit(0);
    }
  });
} else {
  const heard: BusMessage[] = [];
  listenToOtherWorkers((message) => heard.push(message));
  process.on('message', (message: unknown) => {
    if (!isControl(message)) return;
    if ('speak' in message) {
      tellOtherWorkers({ kind: 'forget-routing' });
      tellOtherWorkers({ kind: 'scheduler-alarm', at: 1234 });
    }
    if ('tell' in message) process.send?.({ report: heard });
  });
  process.send?.({ ready: true });
}
