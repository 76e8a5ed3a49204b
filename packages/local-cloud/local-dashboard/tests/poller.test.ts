import { describe, expect, it } from "vitest";
import { startPolling, type Visibility } from "../src/page/poller";

/** A page whose visibility the test sets, and timers the test fires by hand. */
function harness() {
  let hidden = false;
  const listeners: Array<() => void> = [];
  const visibility: Visibility = { hidden: () => hidden, onChange: (listener) => listeners.push(listener) };
  const timers = new Map<number, () => void>();
  let nextId = 0;
  let ticks = 0;
  let release: (() => void) | undefined;
  let slow = false;
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const poller = startPolling({
    intervalMs: 1_000,
    visibility,
    tick: () => {
      ticks += 1;
      if (!slow) return Promise.resolve();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    setTimer: (run) => {
      nextId += 1;
      timers.set(nextId, run);
      return nextId;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  return {
    poller,
    settle,
    ticks: () => ticks,
    pendingTimers: () => timers.size,
    fireTimers: async () => {
      const due = [...timers.values()];
      timers.clear();
      for (const run of due) run();
      await settle();
    },
    setHidden: async (value: boolean) => {
      hidden = value;
      for (const listener of listeners) listener();
      await settle();
    },
    makeSlow: () => {
      slow = true;
    },
    finishTick: async () => {
      release?.();
      await settle();
    },
  };
}

describe("startPolling", () => {
  it("ticks at once, then once per interval", async () => {
    const page = harness();
    await page.settle();

    expect(page.ticks()).toBe(1);
    await page.fireTimers();
    await page.fireTimers();
    expect(page.ticks()).toBe(3);
  });

  it("stops while the tab is hidden and ticks at once when it shows again", async () => {
    const page = harness();
    await page.settle();

    await page.setHidden(true);
    await page.fireTimers();
    await page.fireTimers();
    expect(page.ticks()).toBe(1);
    expect(page.pendingTimers()).toBe(0);

    await page.setHidden(false);
    expect(page.ticks()).toBe(2);
    expect(page.pendingTimers()).toBe(1);
  });

  it("never runs two ticks at once: a slow answer delays the next poll", async () => {
    const page = harness();
    await page.settle();
    page.makeSlow();

    await page.fireTimers();
    expect(page.ticks()).toBe(2);
    await page.setHidden(true);
    await page.setHidden(false);
    await page.fireTimers();
    expect(page.ticks()).toBe(2);

    await page.finishTick();
    expect(page.pendingTimers()).toBe(1);
  });

  it("stops for good when stopped", async () => {
    const page = harness();
    await page.settle();

    page.poller.stop();
    await page.fireTimers();
    await page.setHidden(true);
    await page.setHidden(false);

    expect(page.ticks()).toBe(1);
  });
});
