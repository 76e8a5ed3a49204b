/**
 * The callback and the callback half of the context on nodejs22.x, as 3.x src/CallbackContext.js builds them:
 * the first of callback, succeed, fail and done to be called wins; callback(null, result) answers once the
 * event loop is empty unless callbackWaitsForEmptyEventLoop is false; succeed, fail and done answer at once.
 */
import { emptyEventLoop } from "./empty-event-loop";

/** Where an invocation's answer goes. */
export interface Answer {
  response(result: unknown): void;
  error(error: unknown): void;
}

export interface CallbackContext {
  callbackWaitsForEmptyEventLoop: boolean;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
  done(error?: unknown, result?: unknown): void;
}

type Callback = (error?: unknown, result?: unknown) => void;

const given = (value: unknown) => value !== undefined && value !== null;

export function buildCallbackContext(answer: Answer) {
  let completed = false;
  const complete = (result: unknown) => {
    if (completed) {
      console.error(
        "Invocation has already been reported as done. Cannot call complete more than once per invocation.",
      );
      return;
    }
    completed = true;
    answer.response(result);
  };
  let waitForEmptyEventLoop = true;

  const callback: Callback = (error, result) => {
    emptyEventLoop.reset();
    if (given(error)) answer.error(error);
    else if (!waitForEmptyEventLoop) complete(result);
    else emptyEventLoop.set(() => setImmediate(() => complete(result)));
  };
  const done: Callback = (error, result) => {
    emptyEventLoop.reset();
    if (given(error)) answer.error(error);
    else complete(result);
  };

  let finished = false;
  const firstCallOnly =
    <Args extends unknown[]>(call: (...args: Args) => void) =>
    (...args: Args) => {
      if (finished) return;
      call(...args);
      finished = true;
    };

  const context: CallbackContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    succeed: firstCallOnly((result?: unknown) => done(null, result)),
    // fail() with nothing reports the string "handled", as the client does.
    fail: firstCallOnly((error?: unknown) => (given(error) ? done(error, null) : done("handled"))),
    done: firstCallOnly(done),
  };
  return {
    callback: firstCallOnly(callback),
    context,
    /** The invocation was answered another way (the event loop ran empty): later answers are refused. */
    markCompleted: () => {
      completed = true;
    },
  };
}
