import { expect, it } from 'vitest';
import { headlineKey, sameHeadline } from './headline-match';

it('treats headlines with the same words as the same, whatever their case, punctuation and accents', () => {
  expect(sameHeadline('Zelenskyy Signals Readiness — to Trade NATO Bid', 'zelenskyy signals readiness to trade nato bid!')).toBe(true);
  expect(sameHeadline('Café owners’ “big” day', 'Cafe Owners Big Day')).toBe(true);
  expect(sameHeadline('Budget vote delayed', 'Budget vote delayed again')).toBe(false);
  expect(sameHeadline('Vote delayed budget', 'Budget vote delayed')).toBe(false);
  expect(headlineKey('  Hello,   World!  ')).toBe('hello world');
  expect(headlineKey('!!!')).toBe('');
  expect(sameHeadline('!!!', '???')).toBe(false);
});
