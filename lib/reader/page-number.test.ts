import { expect, it } from 'vitest';
import { parsePageNumber } from './page-number';

it.each([
  [undefined, 1],
  ['1', 1],
  ['2', 2],
  ['999999', 999999],
])('reads %s as page %s', (raw, page) => {
  expect(parsePageNumber(raw)).toBe(page);
});

it.each(['0', '-1', 'abc', '1e9', '2.5', ' 2', '02', '', '1000000', '2,3', '９'])('rejects %j', (raw) => {
  expect(parsePageNumber(raw)).toBeNull();
});
