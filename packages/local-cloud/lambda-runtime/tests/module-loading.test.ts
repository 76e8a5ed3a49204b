import { afterAll, describe, expect, it } from "vitest";
import { cleanUpPackaged, invokePackaged, packagedFixture } from "./packaged-fixture";

afterAll(cleanUpPackaged);

const BOTH = ["nodejs22.x", "nodejs24.x"];

// Lambda runs the code from /var/task, with no package.json above it: a .js file is CommonJS unless the
// function's own package.json says "type": "module" (aws-lambda-nodejs-runtime-interface-client 3.x
// src/UserFunction.js, _hasFolderPackageJsonTypeModule; Node.js's "Determining module system").
describe("a function's code loads as on Lambda, whatever package.json lies above its folder", () => {
  it("runs the classic CommonJS callback lambda that requires starwars from its node_modules", async () => {
    const taskRoot = packagedFixture("classic-lambda", { starwars: "starwars-package" });

    const jedi = await invokePackaged(taskRoot, "index.handler", "nodejs22.x", { isJedi: true });
    const sith = await invokePackaged(taskRoot, "index.handler", "nodejs22.x", { isJedi: false });

    expect(jedi.payload).toBe("Luke, I am your father.");
    expect(sith.error).toEqual({
      errorType: "string",
      errorMessage: "Sorry you can't get a quote",
      trace: [],
    });
  });

  it.each(BOTH)("loads a handler in a sub-folder (src/app.handler) on %s", async (runtime) => {
    const taskRoot = packagedFixture("classic-lambda", { starwars: "starwars-package" });
    const outcome = await invokePackaged(taskRoot, "src/app.handler", runtime);
    expect(outcome.payload).toBe("src/app.js, with require function");
  });

  it.each(BOTH)("reads .mjs as an ES module and .cjs as CommonJS on %s", async (runtime) => {
    const taskRoot = packagedFixture("module-shapes");
    expect((await invokePackaged(taskRoot, "esm.handler", runtime)).payload).toBe("esm.mjs");
    expect((await invokePackaged(taskRoot, "cjs.handler", runtime)).payload).toBe("cjs.cjs");
  });

  it.each(BOTH)("reads a .js file an ES module imports as CommonJS on %s", async (runtime) => {
    const taskRoot = packagedFixture("module-shapes");
    const outcome = await invokePackaged(taskRoot, "imports-helper.handler", runtime);
    expect(outcome.payload).toBe("helper.js, with module object");
  });

  it.each(BOTH)(
    "reads .js as an ES module where the function's own package.json says so, on %s",
    async (runtime) => {
      const taskRoot = packagedFixture("typed-module");
      const outcome = await invokePackaged(taskRoot, "index.handler", runtime);
      expect(outcome.payload).toBe("index.js as an ES module, require is undefined");
    },
  );

  // 3.x src/UserFunction.js (_tryRequire) and 4.x src/function/module-loader.ts: the file as named, then .js,
  // .mjs, .cjs.
  it.each(BOTH)("tries the file as named first, then .js before .mjs, on %s", async (runtime) => {
    const taskRoot = packagedFixture("module-shapes");
    expect((await invokePackaged(taskRoot, "plain.handler", runtime)).payload).toBe("plain, no extension");
    expect((await invokePackaged(taskRoot, "order.handler", runtime)).payload).toBe("order.js");
  });

  it.each(BOTH)("finds a nested export (nested.routes.get) on %s", async (runtime) => {
    const taskRoot = packagedFixture("module-shapes");
    expect((await invokePackaged(taskRoot, "nested.routes.get", runtime)).payload).toBe("routes.get");
  });

  // 4.x src/function/handler-resolver.ts falls back to the default export; 3.x _resolveHandler does not.
  it("looks in an ES module's default export on nodejs24.x, and not on nodejs22.x", async () => {
    const taskRoot = packagedFixture("module-shapes");
    expect((await invokePackaged(taskRoot, "default-export.handler", "nodejs24.x")).payload).toBe(
      "found in the default export",
    );
    expect((await invokePackaged(taskRoot, "default-export.handler", "nodejs22.x")).error).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "default-export.handler is undefined or not exported",
    });
  });
});

// The errors and messages of 3.x src/UserFunction.js and src/Errors.js (4.x src/function/*.ts and
// src/utils/errors.ts give the same), reported as an init error.
describe.each(BOTH)(
  "a function that cannot load fails its init with Lambda's Runtime.* error on %s",
  (runtime) => {
    const failure = async (handler: string) =>
      (await invokePackaged(packagedFixture("module-shapes"), handler, runtime)).error;

    it("names a missing module as Node does, from the runtime's /var/runtime/index.mjs", async () => {
      expect(await failure("missing.handler")).toMatchObject({
        errorType: "Runtime.ImportModuleError",
        errorMessage: "Error: Cannot find module 'missing'\nRequire stack:\n- /var/runtime/index.mjs",
      });
    });

    // nodejs22.x require()s the handler's file from the runtime; nodejs24.x import()s it, so no runtime file requires it.
    it("names a missing dependency and who required it, under /var/task", async () => {
      const requiredBy =
        runtime === "nodejs22.x"
          ? "- /var/task/needs-missing.js\n- /var/runtime/index.mjs"
          : "- /var/task/needs-missing.js";
      expect(await failure("needs-missing.handler")).toMatchObject({
        errorType: "Runtime.ImportModuleError",
        errorMessage: `Error: Cannot find module 'not-installed'\nRequire stack:\n${requiredBy}`,
      });
    });

    it("reports an export that is missing or not a function", async () => {
      expect(await failure("esm.absent")).toMatchObject({
        errorType: "Runtime.HandlerNotFound",
        errorMessage: "esm.absent is undefined or not exported",
      });
      expect(await failure("exports-value.handler")).toMatchObject({
        errorType: "Runtime.HandlerNotFound",
        errorMessage: "exports-value.handler is not a function",
      });
    });

    it("refuses a handler string with no export, or that climbs out of the task root", async () => {
      expect(await failure("esm")).toMatchObject({
        errorType: "Runtime.MalformedHandlerName",
        errorMessage: "Bad handler",
      });
      expect(await failure("../esm.handler")).toMatchObject({
        errorType: "Runtime.MalformedHandlerName",
        errorMessage:
          "'../esm.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.",
      });
    });

    it("reports a syntax error in the code as Runtime.UserCodeSyntaxError", async () => {
      expect(await failure("broken.handler")).toMatchObject({
        errorType: "Runtime.UserCodeSyntaxError",
        errorMessage: "SyntaxError: Unexpected end of input",
      });
    });
  },
);
