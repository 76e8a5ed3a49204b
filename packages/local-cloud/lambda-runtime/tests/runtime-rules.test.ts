import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseHandlerString } from "../src/handler-loader";
import { packageScope } from "../src/package-scope";
import { runtimeRules } from "../src/runtime-rules";

describe("runtimeRules reads the runtime from AWS_EXECUTION_ENV, as function code may", () => {
  it.each([
    ["AWS_Lambda_nodejs22.x", { runtime: "nodejs22.x", callbacks: true }],
    ["AWS_Lambda_nodejs24.x", { runtime: "nodejs24.x", callbacks: false }],
    [undefined, { runtime: "nodejs22.x", callbacks: true }],
  ])("takes %s as %o", (executionEnv, rules) => {
    expect(runtimeRules(executionEnv)).toEqual(rules);
  });
});

// aws-lambda-nodejs-runtime-interface-client 3.x src/UserFunction.js (_moduleRootAndHandler, _splitHandlerString).
describe("parseHandlerString splits a handler string as the runtime does", () => {
  it("keeps the folder, the module and a nested export apart", () => {
    expect(parseHandlerString("src/api/app.routes.get")).toEqual({
      moduleRoot: "src/api/",
      moduleName: "app",
      handlerPath: "routes.get",
    });
  });

  it("refuses a string without an export", () => {
    expect(() => parseHandlerString("src/app")).toThrow("Bad handler");
  });
});

const made: string[] = [];
afterAll(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

// 3.x src/UserFunction.js (_hasFolderPackageJsonTypeModule), stopped at the task root as /var/task is the top.
describe("packageScope looks for the nearest package.json inside the task root only", () => {
  const layout = () => {
    const folder = mkdtempSync(path.join(tmpdir(), "holonet-scope-"));
    made.push(folder);
    writeFileSync(path.join(folder, "package.json"), JSON.stringify({ type: "module" }));
    const taskRoot = path.join(folder, "code");
    mkdirSync(path.join(taskRoot, "typed"), { recursive: true });
    mkdirSync(path.join(taskRoot, "node_modules", "dep", "lib"), { recursive: true });
    writeFileSync(path.join(taskRoot, "typed", "package.json"), JSON.stringify({ type: "module" }));
    return taskRoot;
  };

  it("says outside for a folder whose nearest package.json is above the task root", () => {
    expect(packageScope(layout(), layout())).toBe("outside");
  });

  it("reads the type of a package.json inside the task root, and stops at node_modules", () => {
    const taskRoot = layout();
    expect(packageScope(path.join(taskRoot, "typed"), taskRoot)).toBe("module");
    expect(packageScope(path.join(taskRoot, "node_modules", "dep", "lib"), taskRoot)).toBe("commonjs");
  });
});
