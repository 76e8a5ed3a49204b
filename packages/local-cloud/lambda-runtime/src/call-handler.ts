/**
 * Calls a handler once and gives its answer, by the rules of the function's runtime.
 * nodejs22.x (3.x src/Runtime.js, handleOnceNonStreaming): the handler gets a callback; a promise it returns
 * answers through succeed/fail; when the event loop runs empty with no answer, an async handler fails with
 * Runtime.NodeJsExit and any other answers null.
 * nodejs24.x (4.x src/runtime/buffered-invoke-processor.ts): the handler's awaited return value is the answer.
 */
import { type Answer, buildCallbackContext } from "./callback-context";
import { emptyEventLoop } from "./empty-event-loop";
import type { Handler } from "./handler-loader";
import type { InvocationData } from "./lambda-context";
import {
  CALLBACK_HANDLER_REMOVED,
  CALLBACK_HANDLER_WARNING,
  CallbackHandlerDeprecated,
  NodeJsExit,
} from "./runtime-errors";

const isPromise = (value: unknown): value is PromiseLike<unknown> =>
  !!value && typeof (value as { then?: unknown }).then === "function";

// 3.x src/UserFunction.js (_isAsync): declared async, whatever it returns.
const isAsyncFunction = (handler: Handler) => handler.constructor?.name === "AsyncFunction";

export function callWithCallbacks(
  handler: Handler,
  event: unknown,
  data: InvocationData,
  answer: Answer,
): void {
  const { callback, context, markCompleted } = buildCallbackContext(answer);
  const isAsync = isAsyncFunction(handler);
  emptyEventLoop.set(() => {
    markCompleted();
    if (isAsync) answer.error(new NodeJsExit());
    else answer.response(null);
  });
  try {
    const result = handler(event, Object.assign(context, data), callback);
    if (isPromise(result)) {
      Promise.resolve(result).then(context.succeed, context.fail).catch(context.fail);
    }
  } catch (error) {
    callback(error);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function callAsync(handler: Handler, event: unknown, data: InvocationData, answer: Answer) {
  // 4.x has no listener for an empty event loop: with nothing left to run, Node ends the process (status 0).
  emptyEventLoop.set(() => process.exit(0));
  try {
    const result = await handler(event, data);
    // 4.x src/runtime/lifecycle-manager.ts posts the answer on the next turn of the event loop.
    await nextTurn();
    answer.response(result);
  } catch (error) {
    await nextTurn();
    answer.error(error);
  }
}

/**
 * The handler's shape at init. nodejs24.x refuses any handler declaring three or more parameters (4.x
 * src/function/callback-deprecation.ts); nodejs22.x warns about a non-async one with exactly three (3.x
 * src/WarningForCallbackHandlers.js), unless AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING is set.
 */
export function checkHandlerShape(handler: Handler, callbacks: boolean): void {
  if (!callbacks) {
    if (handler.length >= 3) throw new CallbackHandlerDeprecated(CALLBACK_HANDLER_REMOVED);
    return;
  }
  const warned = process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING !== undefined;
  if (!warned && handler.length === 3 && !isAsyncFunction(handler)) console.warn(CALLBACK_HANDLER_WARNING);
}
