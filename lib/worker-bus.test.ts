import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { isBusEnvelope, tellOtherWorkers } from './worker-bus';

const clusterScript = path.resolve(import.meta.dirname, '..', 'test', 'support', 'bus-cluster.ts');

it('carries what one worker says to every other worker of the cluster, not back to itself', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', clusterScript], { encoding: 'utf8', timeout: 30_000 });
  expect(run.status).toBe(0);
  const reports = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { worker: number; heard: unknown[] });
  const sent = [{ kind: 'forget-routing' }, { kind: 'scheduler-alarm', at: 1234 }];
  expect(reports).toEqual([
    { worker: 1, heard: [] },
    { worker: 2, heard: sent },
    { worker: 3, heard: sent },
  ]);
}, 40_000);

it('is silent outside a cluster worker (one process, tests, scripts)', () => {
  const send = process.send;
  const sent: unknown[] = [];
  // A test runner's child has an IPC channel of its own: nothing of ours must go down it.
  process.send = ((message: unknown) => sent.push(message) > 0) as typeof process.send;
  try {
    tellOtherWorkers({ kind: 'forget-routing' });
  } finally {
    process.send = send;
  }
  expect(sent).toEqual([]);
});

it('knows its own messages, and nothing else on the channel', () => {
  expect(isBusEnvelope({ crbcWorkerBus: { kind: 'forget-live-polls' } })).toBe(true);
  expect(isBusEnvelope({ crbcWorkerBus: { kind: 'scheduler-alarm', at: 5 } })).toBe(true);
  expect(isBusEnvelope({ crbcWorkerBus: { kind: 'scheduler-alarm' } })).toBe(false);
  expect(isBusEnvelope({ crbcWorkerBus: { kind: 'drop-tables' } })).toBe(false);
  expect(isBusEnvelope({ cmd: 'NODE_CLUSTER' })).toBe(false);
  expect(isBusEnvelope(null)).toBe(false);
});
