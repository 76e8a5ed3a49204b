import { afterAll, describe, expect, it } from "vitest";
import {
  cleanUpPackaged,
  invokePackaged,
  packagedFixture,
  packagedInstance,
  untilDead,
} from "./packaged-fixture";

afterAll(cleanUpPackaged);

const RUNTIME = "nodejs22.x";
const handlers = () => packagedFixture("event-loop");
const invoke = (handler: string, event: unknown = {}) => invokePackaged(handlers(), handler, RUNTIME, event);

// aws-lambda-nodejs-runtime-interface-client 3.x, src/CallbackContext.js and src/Runtime.js; AWS's "Define Lambda
// function handler in Node.js" and "Using the Lambda context object" (callbackWaitsForEmptyEventLoop).
describe("on nodejs22.x, a callback handler's answer waits for the event loop as Lambda's does", () => {
  it("answers a callback only once the timers it left have run, their logs included", async () => {
    const outcome = await invoke("handlers.leavesTimer");

    expect(outcome.payload).toBe("answered");
    expect(outcome.logs).toContain("\tINFO\ttimer left by the first invocation\n");
  });

  it("answers at once when callbackWaitsForEmptyEventLoop is false, and the leftover timer logs into no invocation", async () => {
    const instance = packagedInstance(handlers(), "handlers.leavesTimer", RUNTIME);

    const first = await instance.invoke({ doNotWait: true });
    // Long enough for the first invocation's timer to run here, while Lambda would keep the sandbox frozen.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await instance.invoke({ doNotWait: true });

    // Answered before the timer ran: had it waited, the timer's line would be in this invocation's logs.
    expect(first.payload).toBe("answered");
    expect(first.logs).not.toContain("timer left");
    expect(second.payload).toBe("answered");
    expect(second.logs).not.toContain("timer left");
    expect(instance.alive).toBe(true);
  });

  // Runtime.js, _setDefaultExitListener: with no callback called, a non-async handler answers null.
  it("answers null for a non-async handler that returns a value without calling back", async () => {
    const outcome = await invoke("handlers.returnsValue", { n: 1 });
    expect(outcome.error).toBeUndefined();
    expect(outcome.payload).toBeNull();
  });

  // Runtime.js, _setDefaultExitListener, and Errors.js's NodeJsExit.
  it("fails an async handler whose promise is pending when nothing is left to run, and stays warm", async () => {
    const instance = packagedInstance(handlers(), "handlers.neverSettles", RUNTIME);
    const outcome = await instance.invoke({});

    expect(outcome.error).toMatchObject({
      errorType: "Runtime.NodeJsExit",
      errorMessage:
        "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes",
    });
    expect(outcome.logs).toContain("\tERROR\tInvoke Error \t");
    expect(instance.alive).toBe(true);
  });
});

describe("on nodejs22.x, context.succeed, fail and done answer at once, the first call winning (CallbackContext.js)", () => {
  it("answers context.succeed's result, ignoring a later fail", async () => {
    expect((await invoke("handlers.succeeds")).payload).toBe("via succeed");
  });

  it("fails with context.fail's error", async () => {
    expect((await invoke("handlers.fails")).error).toMatchObject({
      errorType: "RangeError",
      errorMessage: "via fail",
    });
  });

  it("fails with the string 'handled' when context.fail is given nothing", async () => {
    expect((await invoke("handlers.failsWithNothing")).error).toEqual({
      errorType: "string",
      errorMessage: "handled",
      trace: [],
    });
  });

  it("answers context.done's result", async () => {
    expect((await invoke("handlers.done")).payload).toBe("via done");
  });
});

// src/index.mjs and Runtime.js (_setErrorCallbacks): the error is posted for the invocation, then the process
// exits (129 for an uncaught exception, 128 for an unhandled rejection), so Lambda starts a new sandbox.
describe("on nodejs22.x, an error that escapes the handler fails the invocation and ends the instance", () => {
  it("reports an uncaught exception as the error itself", async () => {
    const instance = packagedInstance(handlers(), "handlers.throwsLater", RUNTIME);
    const outcome = await instance.invoke({});

    expect(outcome.error).toMatchObject({ errorType: "TypeError", errorMessage: "thrown from a timer" });
    expect(outcome.error?.trace?.[1]).toMatch(
      /^ {4}at Timeout\._onTimeout \(\/var\/task\/handlers\.js:\d+:\d+\)$/,
    );
    expect(outcome.logs).toContain("\tERROR\tUncaught Exception \t{");
    expect(await untilDead(instance)).toBe(true);
  });

  it("reports an unhandled rejection as Runtime.UnhandledPromiseRejection, with the reason as its message", async () => {
    const instance = packagedInstance(handlers(), "handlers.rejectsUnhandled", RUNTIME);
    const outcome = await instance.invoke({});

    expect(outcome.error).toMatchObject({
      errorType: "Runtime.UnhandledPromiseRejection",
      errorMessage: "Error: nobody awaits this",
    });
    expect(outcome.logs).toContain("\tERROR\tUnhandled Promise Rejection \t{");
    expect(await untilDead(instance)).toBe(true);
  });
});

describe("on nodejs22.x, what a handler fails with is reported as Errors.js's toRapidResponse does", () => {
  it("reports a thrown string by its type, with no trace", async () => {
    expect((await invoke("handlers.throwsString")).error).toEqual({
      errorType: "string",
      errorMessage: "a plain string",
      trace: [],
    });
  });

  // RAPIDClient.js (_trySerializeResponse) throws this; the promise's fail path reports it.
  it("fails an answer JSON cannot carry", async () => {
    expect((await invoke("handlers.circular")).error).toMatchObject({
      errorType: "Error",
      errorMessage: "Unable to stringify response body",
    });
  });
});

describe("on nodejs22.x, the handler runs where Lambda runs it, with the callback half of the context", () => {
  it("gives the context succeed and callbackWaitsForEmptyEventLoop, and runs in the task root", async () => {
    const taskRoot = handlers();
    const outcome = await invokePackaged(taskRoot, "handlers.contextShape", RUNTIME);
    expect(outcome.payload).toEqual({
      succeed: "function",
      callbackWaitsForEmptyEventLoop: "boolean",
      cwd: taskRoot,
    });
  });

  // src/WarningForCallbackHandlers.js: logged at init for a non-async handler with three parameters.
  it("warns at init that callback handlers end with Node.js 24, and only for them", async () => {
    const callbackStyle = await invoke("handlers.leavesTimer");
    const asyncStyle = await invoke("handlers.throwsString");

    // No request id during the init: src/LogPatch.js writes "undefined" there.
    expect(callbackStyle.logs).toContain(
      "\tundefined\tWARN\tAWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24.",
    );
    expect(asyncStyle.logs).not.toContain("callback-based function handlers");
  });
});

// src/index.mjs loads the code under a top-level await, so a load failure reaches its uncaughtException
// listener; Lambda logs it as `<time>\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError",...`
// (aws/aws-lambda-builders#513 quotes such a line).
describe("on nodejs22.x, a failed init is logged as Lambda logs it", () => {
  it("logs the error as an uncaught exception, with no request id", async () => {
    const outcome = await invoke("missing.handler");
    expect(outcome.logs).toMatch(
      /^\S+\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime\.ImportModuleError"/,
    );
  });
});
