import { afterAll, describe, expect, it } from "vitest";
import { CALLBACK_HANDLER_REMOVED } from "../src/runtime-errors";
import {
  cleanUpPackaged,
  invokePackaged,
  packagedFixture,
  packagedInstance,
  untilDead,
} from "./packaged-fixture";

afterAll(cleanUpPackaged);

const RUNTIME = "nodejs24.x";
const handlers = () => packagedFixture("event-loop");
const invoke = (handler: string, event: unknown = {}) => invokePackaged(handlers(), handler, RUNTIME, event);

// aws-lambda-nodejs-runtime-interface-client 4.x, src/function/callback-deprecation.ts and
// src/context/constants.ts; AWS's "Node.js 24 runtime now available in AWS Lambda" (callbacks removed).
describe("on nodejs24.x, callback handlers are refused at init", () => {
  it("fails the classic callback lambda with Runtime.CallbackHandlerDeprecated", async () => {
    const taskRoot = packagedFixture("classic-lambda", { starwars: "starwars-package" });
    const outcome = await invokePackaged(taskRoot, "index.handler", RUNTIME, { isJedi: true });

    expect(outcome.error).toMatchObject({
      errorType: "Runtime.CallbackHandlerDeprecated",
      errorMessage: CALLBACK_HANDLER_REMOVED,
    });
    expect(outcome.logs).toContain("\tERROR\tInit Error \t{");
  });

  it("refuses any handler that declares three parameters, async or not", async () => {
    expect((await invoke("handlers.asyncWithCallback")).error?.errorType).toBe(
      "Runtime.CallbackHandlerDeprecated",
    );
  });
});

// 4.x src/runtime/buffered-invoke-processor.ts and src/context/context-builder.ts.
describe("on nodejs24.x, the awaited return value is the answer and the context is data only", () => {
  it("answers what a non-async handler returns", async () => {
    expect((await invoke("handlers.returnsValue", { n: 2 })).payload).toEqual({ returned: 2 });
  });

  it("gives the context no succeed and no callbackWaitsForEmptyEventLoop", async () => {
    const taskRoot = handlers();
    const outcome = await invokePackaged(taskRoot, "handlers.contextShape", RUNTIME);
    expect(outcome.payload).toEqual({
      succeed: "undefined",
      callbackWaitsForEmptyEventLoop: "undefined",
      cwd: taskRoot,
    });
  });

  it("reports a thrown string by its type, with no trace (src/utils/error.ts)", async () => {
    expect((await invoke("handlers.throwsString")).error).toEqual({
      errorType: "string",
      errorMessage: "a plain string",
      trace: [],
    });
  });

  it("fails an answer JSON cannot carry with Runtime.JSONStringifyError (src/utils/serialize.ts)", async () => {
    expect((await invoke("handlers.circular")).error).toMatchObject({
      errorType: "Runtime.JSONStringifyError",
      errorMessage: "Unable to stringify response body",
    });
  });
});

// 4.x installs no uncaughtException, unhandledRejection or beforeExit listener (src/worker/ignition.ts,
// src/utils/runtime-setup.ts, src/runtime/runtime.ts): Node's defaults end the process. What Lambda then
// reports is the platform's Runtime.ExitError; AWS's sources do not show it, so these follow Node and the
// exit message Lambda gives a runtime process that ends.
describe("on nodejs24.x, the process ends where 4.x leaves the event loop to Node", () => {
  it("ends on an uncaught exception, with exit status 1", async () => {
    const instance = packagedInstance(handlers(), "handlers.throwsLater", RUNTIME);
    const outcome = await instance.invoke({});

    expect(outcome.error).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited with error: exit status 1`,
    });
    expect(outcome.logs).toContain("TypeError: thrown from a timer");
    expect(await untilDead(instance)).toBe(true);
  });

  it("ends when nothing is left to run while the handler's promise is pending", async () => {
    const outcome = await invoke("handlers.neverSettles");
    expect(outcome.error).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited without providing a reason`,
    });
  });
});
