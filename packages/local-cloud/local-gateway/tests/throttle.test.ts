import { describe, expect, it } from "vitest";
import { createTokenBucket } from "../src/throttle";

describe("token bucket", () => {
  it("lets a burst through, then refills at the rate", () => {
    let now = 0;
    const bucket = createTokenBucket({ rateLimit: 2, burstLimit: 3 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 499;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it("never holds more than the burst, however long it waits", () => {
    let now = 0;
    const bucket = createTokenBucket({ rateLimit: 100, burstLimit: 2 }, () => now);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it("throttles everything with limits of zero", () => {
    let now = 0;
    const bucket = createTokenBucket({ rateLimit: 0, burstLimit: 0 }, () => now);
    now += 10_000;
    expect(bucket.take()).toBe(false);
  });
});
