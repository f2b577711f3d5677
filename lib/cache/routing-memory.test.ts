import { afterEach, describe, expect, it } from 'vitest';
import { cachedRoutingDecision, forgetRoutingDecisions, rememberedRoutingDecisions, ROUTING_CACHE_LIMIT } from './routing-memory';

function countingRouter() {
  const calls: string[] = [];
  const decide = (url: string): { rewrite: string } => {
    calls.push(url);
    return { rewrite: url };
  };
  return { calls, decide };
}

describe('cachedRoutingDecision', () => {
  afterEach(forgetRoutingDecisions);

  it('decides a URL once until decisions are forgotten', () => {
    const { calls, decide } = countingRouter();
    expect(cachedRoutingDecision('/politics', decide)).toEqual({ rewrite: '/politics' });
    expect(cachedRoutingDecision('/politics', decide)).toEqual({ rewrite: '/politics' });
    expect(calls).toEqual(['/politics']);
    forgetRoutingDecisions();
    cachedRoutingDecision('/politics', decide);
    expect(calls).toEqual(['/politics', '/politics']);
  });

  it('holds at most its limit, dropping the least recently used first', () => {
    const { calls, decide } = countingRouter();
    cachedRoutingDecision('/kept', decide);
    for (let i = 0; i < ROUTING_CACHE_LIMIT - 1; i++) cachedRoutingDecision(`/unknown-${i}`, decide);
    cachedRoutingDecision('/kept', decide); // used again: now the most recent
    for (let i = 0; i < 10; i++) cachedRoutingDecision(`/more-${i}`, decide);
    expect(rememberedRoutingDecisions()).toBe(ROUTING_CACHE_LIMIT);
    calls.length = 0;
    cachedRoutingDecision('/kept', decide);
    cachedRoutingDecision('/unknown-0', decide);
    expect(calls).toEqual(['/unknown-0']);
  });

  it('does not remember very long URLs', () => {
    const { calls, decide } = countingRouter();
    const long = `/search?q=${'x'.repeat(600)}`;
    cachedRoutingDecision(long, decide);
    cachedRoutingDecision(long, decide);
    expect(calls).toHaveLength(2);
    expect(rememberedRoutingDecisions()).toBe(0);
  });
});
