/**
 * File times come from a coarse clock (a few ms on Linux), so two writes close together can leave the same
 * mtime. A cache keyed on a file's time trusts only times older than this: any later write then shows.
 */
const SETTLED_MS = 100n;

/** True when a file time (ns since the epoch) is old enough to tell any later write from it. */
export const isSettled = (mtimeNs: bigint, nowMs = Date.now()) =>
  mtimeNs / 1_000_000n + SETTLED_MS < BigInt(nowMs);
