import { expect, it } from 'vitest';
import { cachedLivePoll, forgetLivePolls, LIVE_POLL_MEMORY_LIMIT } from './live-poll-memory';

it('answers a repeated poll from memory, with an ETag naming its body, until forgotten', () => {
  forgetLivePolls();
  let asked = 0;
  const answer = () => {
    asked++;
    return '{"live":true,"newest":3,"count":0}';
  };
  const first = cachedLivePoll('1:3', answer);
  expect(cachedLivePoll('1:3', answer)).toBe(first);
  expect(asked).toBe(1);
  expect(first?.etag).toMatch(/^"live-[A-Za-z0-9_-]{22}"$/);
  // The same body under another URL has the same ETag; another body another one.
  expect(cachedLivePoll('1:2', answer)?.etag).toBe(first?.etag);
  expect(cachedLivePoll('1:1', () => '{"live":true,"newest":3,"count":2}')?.etag).not.toBe(first?.etag);
  forgetLivePolls();
  cachedLivePoll('1:3', answer);
  expect(asked).toBe(3);
});

it('does not remember a missing live blog, and holds at most its limit of answers', () => {
  forgetLivePolls();
  expect(cachedLivePoll('9:0', () => null)).toBeNull();
  for (let i = 0; i <= LIVE_POLL_MEMORY_LIMIT; i++) cachedLivePoll(`x:${i}`, () => 'a');
  let recomputed = false;
  cachedLivePoll('x:0', () => {
    recomputed = true;
    return 'a';
  });
  expect(recomputed).toBe(true);
  forgetLivePolls();
});
