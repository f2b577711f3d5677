import { expect, it } from 'vitest';
import { withTestDatabase } from '@/test/support/database';
import { runInProcesses } from '@/test/support/processes';

const database = withTestDatabase();

// Two worker processes of the site, one guesser sending each of them eight attempts at the same moment.
const race = (store: 'memory' | 'database') => {
  const file = database().$client.name;
  return runInProcesses<{ allowed: number }>([1, 2].map(() => ({ kind: 'throttle', file, address: '203.0.113.9', attempts: 8, store })));
};

it('lets five failures from an address through in all, however many processes share the database', async () => {
  const results = await race('database');
  expect(results.reduce((sum, result) => sum + result.allowed, 0)).toBe(5);
}, 30_000);

it('(why: counted in each process, the same guesser gets five tries from each)', async () => {
  const results = await race('memory');
  expect(results.map((result) => result.allowed)).toEqual([5, 5]);
}, 30_000);
