import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BundleFunction, invokeOnce } from "../src/invoke-once";

const fixtures = path.join(import.meta.dirname, "fixtures");
const made: string[] = [];

/**
 * A fixture laid out as its zip would be, in a folder of its own outside the repository, so that any path of
 * this machine left in a trace shows.
 */
function taskRootOf(name: string, dependencies: string[] = []): string {
  const folder = mkdtempSync(path.join(tmpdir(), "holonet-trace-"));
  made.push(folder);
  const taskRoot = path.join(folder, "code");
  cpSync(path.join(fixtures, name), taskRoot, { recursive: true });
  for (const dependency of dependencies) {
    cpSync(path.join(fixtures, dependency), path.join(taskRoot, "node_modules", dependency), {
      recursive: true,
    });
  }
  return taskRoot;
}

afterAll(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const fn = (taskRoot: string, handler: string): BundleFunction => ({
  functionName: "test-trace",
  functionVersion: "$LATEST",
  runtime: "nodejs22.x",
  memoryMb: 128,
  region: "us-east-1",
  taskRoot,
  handler,
  timeoutSeconds: 3,
  environment: {},
});

/** Every frame is the function's, under /var/task, or Node's own: no other place on this machine. */
const expectOnlyLambdaPaths = (error: unknown, taskRoot: string) => {
  const text = JSON.stringify(error);
  expect(text).not.toContain(path.dirname(taskRoot));
  expect(text).not.toContain("lambda-runtime");
  expect(text).not.toContain(import.meta.dirname);
  const frames = ((error as { trace?: string[] }).trace ?? []).filter((line) => /^\s+at /.test(line));
  for (const frame of frames) expect(frame).toMatch(/[( ](file:\/\/)?\/var\/task\/|\(node:|^\s+at node:/);
};

// Lambda's Node.js runtime sets LAMBDA_TASK_ROOT=/var/task and runs the function's code from there (AWS docs,
// "Defined runtime environment variables":
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime), so a
// function error's trace names /var/task, not where the code happens to be.
describe("a function error's trace shows the code at /var/task, as on Lambda", () => {
  it("shows a thrown error at its line in the handler, and nothing of the local runtime", async () => {
    const taskRoot = taskRootOf("failing");
    const outcome = await invokeOnce(fn(taskRoot, "handlers.throws"), {});

    expect(outcome.error).toEqual({
      errorType: "TypeError",
      errorMessage: "thrown",
      trace: ["TypeError: thrown", "    at throws (file:///var/task/handlers.mjs:3:9)"],
    });
    expectOnlyLambdaPaths(outcome.error, taskRoot);
  });

  it.each([
    ["handlers.rejects", "RangeError", "    at rejects (file:///var/task/handlers.mjs:5:45)"],
    ["handlers.callsBack", "Error", "    at callsBack (file:///var/task/handlers.mjs:7:12)"],
  ])("shows %s's error (%s) at the line that made it", async (handler, errorType, frame) => {
    const taskRoot = taskRootOf("failing");
    const outcome = await invokeOnce(fn(taskRoot, handler), {});

    expect(outcome.error?.errorType).toBe(errorType);
    expect(outcome.error?.trace?.[1]).toBe(frame);
    expectOnlyLambdaPaths(outcome.error, taskRoot);
  });

  it("shows a dependency's frames under /var/task/node_modules, with plain CommonJS paths", async () => {
    const taskRoot = taskRootOf("failing", ["strict-parse"]);
    const outcome = await invokeOnce(fn(taskRoot, "parse-body.handler"), {});

    expect(outcome.error?.trace?.slice(0, 3)).toEqual([
      "SyntaxError: nothing to parse",
      "    at module.exports (/var/task/node_modules/strict-parse/index.js:2:20)",
      "    at exports.handler (/var/task/parse-body.js:4:36)",
    ]);
    expectOnlyLambdaPaths(outcome.error, taskRoot);
  });

  it("shows an error at init, while the module loads, under /var/task", async () => {
    const taskRoot = taskRootOf("misbehaving");
    const outcome = await invokeOnce(fn(taskRoot, "broken-init.handler"), {});

    expect(outcome.error?.trace?.slice(0, 2)).toEqual([
      "Error: cannot start: no config",
      "    at file:///var/task/broken-init.mjs:1:7",
    ]);
    expectOnlyLambdaPaths(outcome.error, taskRoot);
  });

  // aws-lambda-nodejs-runtime-interface-client 3.x src/UserFunction.js: Node's own message, from the runtime's file.
  it("names the runtime's /var/runtime/index.mjs in the message of a handler's module that is missing", async () => {
    const taskRoot = taskRootOf("misbehaving");
    const outcome = await invokeOnce(fn(taskRoot, "missing.handler"), {});

    expect(outcome.error).toEqual({
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Error: Cannot find module 'missing'\nRequire stack:\n- /var/runtime/index.mjs",
      trace: [
        "Runtime.ImportModuleError: Error: Cannot find module 'missing'",
        "Require stack:",
        "- /var/runtime/index.mjs",
      ],
    });
  });

  it("shows /var/task for code reached through a link, which Node names by its real path", async () => {
    const taskRoot = taskRootOf("failing");
    const link = path.join(path.dirname(taskRoot), "linked");
    symlinkSync(taskRoot, link);
    const outcome = await invokeOnce(fn(link, "handlers.throws"), {});

    expect(outcome.error?.trace).toEqual([
      "TypeError: thrown",
      "    at throws (file:///var/task/handlers.mjs:3:9)",
    ]);
    expectOnlyLambdaPaths(outcome.error, taskRoot);
  });
});
