import { describe, expect, it } from "vitest";
import { taskRootError, taskRootText, taskRootTrace } from "../src/lambda-trace";

// Lambda's Node.js runtime runs the function's code from LAMBDA_TASK_ROOT=/var/task (AWS docs, "Defined runtime
// environment variables": https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
// so that is the path a trace names; frames of Lambda's own runtime are not the function's code.
const TASK_ROOT = "/home/dev/app/.holonet/lambda/functions/quote/code/3f2a";
const RUNTIME = "/home/dev/app/packages/local-cloud/lambda-runtime";
const paths = { taskRoots: [TASK_ROOT], runtimePaths: [RUNTIME] };

describe("taskRootTrace shows a function's stack as Lambda does", () => {
  it("names an ES module handler by a file URL under /var/task", () => {
    const trace = taskRootTrace(
      ["TypeError: bad thing", `    at Runtime.handler (file://${TASK_ROOT}/handler.mjs:1:234)`],
      paths,
    );
    expect(trace).toEqual([
      "TypeError: bad thing",
      "    at Runtime.handler (file:///var/task/handler.mjs:1:234)",
    ]);
  });

  it("names a CommonJS handler by a plain path under /var/task, its node_modules included", () => {
    const trace = taskRootTrace(
      [
        "SyntaxError: nothing to parse",
        `    at module.exports (${TASK_ROOT}/node_modules/strict-parse/index.js:2:19)`,
        `    at handler (${TASK_ROOT}/index.js:3:9)`,
      ],
      paths,
    );
    expect(trace).toEqual([
      "SyntaxError: nothing to parse",
      "    at module.exports (/var/task/node_modules/strict-parse/index.js:2:19)",
      "    at handler (/var/task/index.js:3:9)",
    ]);
  });

  it("drops the runtime's frames and the loop below them: its promise, Node's events and ticks", () => {
    const trace = taskRootTrace(
      [
        "TypeError: bad thing",
        `    at throws (file://${TASK_ROOT}/handlers.mjs:5:9)`,
        `    at <anonymous> (${RUNTIME}/src/runner.ts:71:22)`,
        "    at new Promise (<anonymous>)",
        `    at callHandler (file://${RUNTIME}/dist/runner.mjs:68:10)`,
        "    at process.emit (node:events:524:28)",
        "    at node:internal/child_process:729:9",
        "    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)",
      ],
      paths,
    );
    expect(trace).toEqual(["TypeError: bad thing", "    at throws (file:///var/task/handlers.mjs:5:9)"]);
  });

  it("keeps Node's frames above the runtime, as Lambda shows a module that fails to load", () => {
    const trace = taskRootTrace(
      [
        "Error: cannot start: no config",
        `    at file://${TASK_ROOT}/broken-init.mjs:1:7`,
        "    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)",
        "    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)",
        `    at async loadHandler (${RUNTIME}/src/runner.ts:56:19)`,
        `    at async invoke (${RUNTIME}/src/runner.ts:103:16)`,
      ],
      paths,
    );
    expect(trace).toEqual([
      "Error: cannot start: no config",
      "    at file:///var/task/broken-init.mjs:1:7",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)",
      "    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)",
    ]);
  });

  it("keeps the function's frames below a runtime frame, when the function called into the runtime", () => {
    const trace = taskRootTrace(
      [
        "Error: no time left",
        `    at getRemainingTimeInMillis (${RUNTIME}/src/lambda-context.ts:40:11)`,
        `    at handler (${TASK_ROOT}/index.js:3:9)`,
        `    at callHandler (${RUNTIME}/src/runner.ts:68:10)`,
      ],
      paths,
    );
    expect(trace).toEqual(["Error: no time left", "    at handler (/var/task/index.js:3:9)"]);
  });

  it("leaves only the error's lines when every frame is the runtime's", () => {
    const trace = taskRootTrace(
      [
        `Runtime.ImportModuleError: Cannot find module 'missing' in ${TASK_ROOT}`,
        `    at loadHandler (${RUNTIME}/src/runner.ts:52:25)`,
        `    at process.<anonymous> (${RUNTIME}/src/runner.ts:133:8)`,
        "    at process.emit (node:events:524:28)",
      ],
      paths,
    );
    expect(trace).toEqual(["Runtime.ImportModuleError: Cannot find module 'missing' in /var/task"]);
  });

  it("keeps a function whose code lies inside the runtime's folder, as the runtime's own test fixtures do", () => {
    const fixture = `${RUNTIME}/tests/fixtures/misbehaving`;
    const trace = taskRootTrace(
      [
        "TypeError: bad thing",
        `    at throws (file://${fixture}/handlers.mjs:5:9)`,
        `    at x (${RUNTIME}/src/runner.ts:1:1)`,
      ],
      { taskRoots: [fixture], runtimePaths: [RUNTIME] },
    );
    expect(trace).toEqual(["TypeError: bad thing", "    at throws (file:///var/task/handlers.mjs:5:9)"]);
  });

  it("rewrites, never drops, the lines of the message, even one that names the runtime's folder", () => {
    const trace = taskRootTrace(
      [
        "Error: no config",
        `  see ${TASK_ROOT}/config.json,`,
        `  not ${RUNTIME}/config.json`,
        `    at handler (${TASK_ROOT}/index.js:3:9)`,
      ],
      paths,
    );
    expect(trace).toEqual([
      "Error: no config",
      "  see /var/task/config.json,",
      `  not ${RUNTIME}/config.json`,
      "    at handler (/var/task/index.js:3:9)",
    ]);
  });
});

describe("taskRootText", () => {
  it("leaves a longer path that only begins like the task root", () => {
    expect(taskRootText(`${TASK_ROOT}-old/index.js and ${TASK_ROOT}b`, [TASK_ROOT])).toBe(
      `${TASK_ROOT}-old/index.js and ${TASK_ROOT}b`,
    );
  });

  it("reads a task root with a space in its file URL, where it is percent-encoded", () => {
    expect(
      taskRootText("at h (file:///tmp/my%20fn/index.mjs:1:1) in /tmp/my fn/index.mjs", ["/tmp/my fn"]),
    ).toBe("at h (file:///var/task/index.mjs:1:1) in /var/task/index.mjs");
  });

  it("knows the task root by each of its names, a link's and its real path", () => {
    const names = ["/var/folders/x/T/fn", "/private/var/folders/x/T/fn"];
    expect(taskRootText("/private/var/folders/x/T/fn/a.js /var/folders/x/T/fn/b.js", names)).toBe(
      "/var/task/a.js /var/task/b.js",
    );
  });

  it("takes a task root given with a trailing slash", () => {
    expect(taskRootText(`${TASK_ROOT}/index.js`, [`${TASK_ROOT}/`])).toBe("/var/task/index.js");
  });
});

describe("taskRootError", () => {
  it("rewrites the message and the trace, and keeps the payload's shape", () => {
    const error = taskRootError(
      {
        errorType: "Runtime.ImportModuleError",
        errorMessage: `Cannot find module 'missing' in ${TASK_ROOT}`,
        trace: [`Runtime.ImportModuleError: Cannot find module 'missing' in ${TASK_ROOT}`],
      },
      paths,
    );
    expect(error).toEqual({
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Cannot find module 'missing' in /var/task",
      trace: ["Runtime.ImportModuleError: Cannot find module 'missing' in /var/task"],
    });
  });

  it("adds no trace to a payload that has none, and keeps an empty one empty", () => {
    expect(taskRootError({ errorType: "Sandbox.Timedout", errorMessage: "timed out" }, paths)).toEqual({
      errorType: "Sandbox.Timedout",
      errorMessage: "timed out",
    });
    expect(taskRootError({ errorType: "string", errorMessage: "no", trace: [] }, paths)).toEqual({
      errorType: "string",
      errorMessage: "no",
      trace: [],
    });
  });
});
