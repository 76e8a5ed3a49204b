/** What the poller needs of the page: whether it is hidden, and a way to hear when that changes. */
export interface Visibility {
  hidden(): boolean;
  onChange(listener: () => void): void;
}

export const documentVisibility = (): Visibility => ({
  hidden: () => document.hidden,
  onChange: (listener) => document.addEventListener("visibilitychange", listener),
});

/**
 * Runs `tick` every `intervalMs`, one at a time (a slow answer delays the next poll instead of piling
 * up requests), not at all while the tab is hidden, and at once when it shows again.
 */
export function startPolling(options: {
  intervalMs: number;
  tick: () => Promise<void>;
  visibility: Visibility;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}): { stop(): void } {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown;
  let running = false;
  let stopped = false;

  const run = async () => {
    timer = undefined;
    if (stopped || running || options.visibility.hidden()) return;
    running = true;
    try {
      await options.tick();
    } finally {
      running = false;
      if (!stopped && !options.visibility.hidden()) timer = setTimer(run, options.intervalMs);
    }
  };

  options.visibility.onChange(() => {
    if (options.visibility.hidden() || stopped || running) return;
    if (timer !== undefined) clearTimer(timer);
    void run();
  });
  void run();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
    },
  };
}
