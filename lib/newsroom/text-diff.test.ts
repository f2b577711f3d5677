import { expect, it } from 'vitest';
import { articleAsText, diffWords } from './text-diff';

it('marks the words that changed, and only those', () => {
  expect(diffWords('The vote passed narrowly on Monday.', 'The vote passed easily on Monday.')).toEqual([
    { value: 'The vote passed ', change: 'same' },
    { value: 'narrowly', change: 'removed' },
    { value: 'easily', change: 'added' },
    { value: ' on Monday.', change: 'same' },
  ]);
});

it('shows a rewritten phrase as one removed run and one added run', () => {
  expect(diffWords('Ministers met on Monday in Brussels.', 'Ministers met late Tuesday in Brussels.')).toEqual([
    { value: 'Ministers met ', change: 'same' },
    { value: 'on Monday', change: 'removed' },
    { value: 'late Tuesday', change: 'added' },
    { value: ' in Brussels.', change: 'same' },
  ]);
});

it('finds nothing to mark in identical text', () => {
  expect(diffWords('Same text.', 'Same text.')).toEqual([{ value: 'Same text.', change: 'same' }]);
});

it('reads an article in reading order, leaving out empty blocks', () => {
  const text = articleAsText({
    headline: 'H',
    summary: 'S',
    body: 'B',
    keyPointsTitle: 'What We Know',
    keyPoints: [{ label: 'L', text: 'T' }],
    whyItMatters: '',
    contextNote: 'C',
  });
  expect(text).toBe('H\n\nS\n\nB\n\nWhat We Know\nL: T\n\nC');
});

it('starts with the story type readers see above the headline, and none for news', () => {
  const article = { headline: 'H', summary: 'S', body: 'B', keyPointsTitle: 'Key Points', keyPoints: [], whyItMatters: '', contextNote: '' };
  expect(articleAsText({ ...article, type: 'opinion' })).toBe('Opinion\n\nH\n\nS\n\nB');
  expect(articleAsText({ ...article, type: 'news' })).toBe('H\n\nS\n\nB');
});
