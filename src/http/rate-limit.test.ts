import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limit.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('token buckets', () => {
  it('allows the burst at once, then refuses with the seconds until one more token', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 6, perMinute: 20 }, { now: time.now });
    for (let i = 0; i < 6; i += 1) expect(buckets.take('session-a')).toEqual({ allowed: true });
    // 20 per minute: one token every 3 seconds.
    expect(buckets.take('session-a')).toEqual({ allowed: false, retryAfterSeconds: 3 });
    time.advance(1000);
    expect(buckets.take('session-a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('refills at the configured rate and never beyond the burst', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 2, perMinute: 60 }, { now: time.now });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    time.advance(1000);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    time.advance(60 * 60_000); // an hour idle still gives only the burst of 2
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('says at least one second, even when the next token is a moment away', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 1, perMinute: 6000 }, { now: time.now });
    buckets.take('a');
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('rounds a slow refill up to whole seconds', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 1, perMinute: 0.5 }, { now: time.now }); // one per 2 minutes
    buckets.take('a');
    time.advance(500);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 120 });
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets({ capacity: 1, perMinute: 1 }, { now: () => 0 });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('forgets the least recently used key beyond the bound', () => {
    const time = clock();
    const buckets = new TokenBuckets({ capacity: 1, perMinute: 1 }, { now: time.now, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) buckets.take(key);
    buckets.take('a'); // a is now the most recent (and refused)
    buckets.take('d'); // evicts b, the least recently used
    expect(buckets.size).toBe(3);
    expect(buckets.take('b').allowed).toBe(true); // b starts afresh; evicts c
    expect(buckets.take('a').allowed).toBe(false); // a was kept, still empty
    expect(buckets.take('c').allowed).toBe(true);
  });

  it('never refuses when the rate is 0 (disabled)', () => {
    const buckets = new TokenBuckets({ capacity: 1, perMinute: 0 }, { now: () => 0 });
    for (let i = 0; i < 100; i += 1) expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.size).toBe(0);
  });
});
