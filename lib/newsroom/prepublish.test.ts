import { expect, it } from 'vitest';
import { prepublishCheck, type PrepublishInput } from './prepublish';

const NOW = Date.UTC(2026, 11, 5, 12);
const ready: PrepublishInput = {
  intent: 'publish',
  headline: 'Council approves the night bus trial after a late vote',
  summary: 'The trial starts in March.',
  keyPoints: [{ label: 'The vote', text: 'It passed narrowly.' }],
  hero: { chosen: true, alt: 'A night bus at its stop' },
  publishAt: null,
  now: NOW,
};

const findings = (input: Partial<PrepublishInput>) => prepublishCheck({ ...ready, ...input }).map((f) => `${f.field}${f.refused ? '!' : ''}`);

it('finds nothing to say about a complete story', () => {
  expect(prepublishCheck(ready)).toEqual([]);
  expect(findings({ hero: { chosen: false, alt: '' } })).toEqual([]);
});

it('warns of an image without alt text, an empty key points block and a headline too long or short to work in lists', () => {
  expect(findings({ hero: { chosen: true, alt: '  ' } })).toEqual(['heroMediaId']);
  expect(findings({ keyPoints: [{ label: '', text: '' }] })).toEqual(['keyPoints']);
  expect(findings({ keyPoints: [] })).toEqual(['keyPoints']);
  expect(findings({ headline: 'x'.repeat(91) })).toEqual(['headline']);
  expect(findings({ headline: 'Too short' })).toEqual(['headline']);
  const [long] = prepublishCheck({ ...ready, headline: 'x'.repeat(120) });
  expect(long?.text).toMatch(/120 characters/);
});

it('says which findings the save itself will refuse: no summary, a schedule in the past', () => {
  expect(findings({ summary: ' ' })).toEqual(['summary!']);
  expect(findings({ intent: 'schedule', publishAt: NOW - 60_000 })).toEqual(['publishAt!']);
  expect(findings({ intent: 'schedule', publishAt: null })).toEqual(['publishAt!']);
  expect(findings({ intent: 'schedule', publishAt: NOW + 60_000 })).toEqual([]);
  // Publishing now ignores a go-live time left in the form.
  expect(findings({ intent: 'publish', publishAt: NOW - 60_000 })).toEqual([]);
});
