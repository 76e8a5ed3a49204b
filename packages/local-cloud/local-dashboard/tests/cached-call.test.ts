import { describe, expect, it } from "vitest";
import { cachedCall } from "../src/cached-call";

function countingRead() {
  const pending: Array<{ resolve: (value: number) => void; reject: (error: Error) => void }> = [];
  let calls = 0;
  const read = () => {
    calls += 1;
    return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { read, pending, calls: () => calls };
}

describe("cachedCall", () => {
  it("shares one call in flight among all callers", async () => {
    const source = countingRead();
    const cached = cachedCall(source.read, 1_000, () => 0);

    const answers = Promise.all([cached(), cached(), cached()]);
    source.pending[0]?.resolve(7);

    expect(await answers).toEqual([7, 7, 7]);
    expect(source.calls()).toBe(1);
  });

  it("keeps an answer for maxAgeMs, then reads again", async () => {
    const source = countingRead();
    let now = 0;
    const cached = cachedCall(source.read, 1_000, () => now);

    const first = cached();
    source.pending[0]?.resolve(1);
    await first;
    now = 999;
    const kept = await cached();
    now = 1_000;
    const again = cached();
    source.pending[1]?.resolve(2);

    expect(kept).toBe(1);
    expect(await again).toBe(2);
    expect(source.calls()).toBe(2);
  });

  it("does not keep a failure: the next caller tries again", async () => {
    const source = countingRead();
    const cached = cachedCall(source.read, 1_000, () => 0);

    const failed = cached();
    source.pending[0]?.reject(new Error("Lambda API down"));
    await expect(failed).rejects.toThrow("Lambda API down");
    const retried = cached();
    source.pending[1]?.resolve(3);

    expect(await retried).toBe(3);
    expect(source.calls()).toBe(2);
  });
});
