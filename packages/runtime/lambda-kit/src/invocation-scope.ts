import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "./logger";

// Clients are created once per instance, but what they log belongs to the invocation that made the call.
const scope = new AsyncLocalStorage<Logger>();

/** Runs `work` with `log` as the invocation's logger, for code that cannot be handed it (SDK middleware). */
export const withInvocationLogger = <T>(log: Logger, work: () => Promise<T>): Promise<T> =>
  scope.run(log, work);

/** The logger of the invocation in progress, if any. */
export const invocationLogger = (): Logger | undefined => scope.getStore();
