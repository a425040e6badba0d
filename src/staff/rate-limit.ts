// In-memory token buckets for login attempts: per username + address and per address, refilled over a window.

export interface RateLimiter {
  /** True when the key still has a token (without taking one). */
  allowed(key: string, now: number): boolean;
  /** Takes a token (a failed attempt). */
  consume(key: string, now: number): void;
  reset(key: string): void;
  /** Seconds until the next token for a key that has none. */
  retryAfter(key: string, now: number): number;
}

/**
 * `capacity` attempts, refilled evenly over `windowMs`. One process only: behind several server
 * processes each keeps its own buckets, which multiplies the allowance by the process count.
 */
export function createRateLimiter(capacity: number, windowMs: number, maxKeys = 10_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = capacity / windowMs;
  const current = (key: string, now: number) => {
    const b = buckets.get(key);
    if (!b) return capacity;
    return Math.min(capacity, b.tokens + (now - b.at) * rate);
  };
  return {
    allowed: (key, now) => current(key, now) >= 1,
    consume(key, now) {
      const tokens = current(key, now) - 1;
      buckets.delete(key);
      buckets.set(key, { tokens, at: now });
      // Oldest entries go first when an attacker sprays many keys; they are also the most refilled.
      while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
    },
    reset: (key) => void buckets.delete(key),
    retryAfter: (key, now) => Math.max(1, Math.ceil((1 - current(key, now)) / rate / 1000)),
  };
}
