/**
 * "Nothing is left to run": what nodejs22.x's client waits for before answering a callback handler, and what it
 * does when a handler's work runs out without an answer (3.x src/BeforeExitListener.js: one 'beforeExit'
 * listener, replaced per invocation). The parent's IPC channel would keep the event loop alive for ever, so it
 * is unreferenced while a handler runs and referenced again once the invocation has its answer.
 */
const NOTHING = () => {};
let listener: () => void = NOTHING;

process.on("beforeExit", () => listener());

export const emptyEventLoop = {
  /** Runs once the function has nothing left to run, unless replaced or reset before. */
  set(next: () => void) {
    listener = next;
  },
  reset() {
    listener = NOTHING;
  },
};

/** While a handler runs, only the function's own work keeps the process going. */
export function watchFunctionWork(): void {
  process.channel?.unref();
}

/** Between invocations, the process waits for the next one. */
export function awaitNextInvocation(): void {
  emptyEventLoop.reset();
  process.channel?.ref();
}
