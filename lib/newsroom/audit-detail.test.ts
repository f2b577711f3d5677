import { expect, it } from 'vitest';
import { describeChanges } from './audit-detail';

it('names each changed field, quoting short values and only naming long ones', () => {
  const before = { name: 'Politics', slug: 'politics', position: 1, description: 'x'.repeat(80) };
  expect(describeChanges(before, { ...before, name: 'UK Politics', position: 2, description: 'Short.' })).toBe(
    'name “Politics” → “UK Politics”; position “1” → “2”; description changed',
  );
  expect(describeChanges(before, { ...before })).toBe('no changes');
});
