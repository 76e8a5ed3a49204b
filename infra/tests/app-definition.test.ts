import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { BUNDLE_TARGET } from "@holonet/bundle-config/lambda-bundle";
import { ROUTES, routeKey } from "@holonet/contracts/routes";
import { PINNED_RUNTIMES, runtimeMajor } from "@holonet/lambda-runtime/node-runtimes";
import { DATA_PREFIX } from "@holonet/quote-store/quote-keys";
import { describe, expect, it } from "vitest";
import {
  BUCKETS,
  bucketName,
  FUNCTION_NAMES,
  FUNCTIONS,
  functionEnvironment,
  functionName,
  ROUTE_STORE_OPERATIONS,
  RUNTIME,
} from "../src/app-definition";

const root = path.resolve(import.meta.dirname, "../..");

describe("the application definition", () => {
  it.each(FUNCTION_NAMES)("names the package and folder of %s truthfully", (fn) => {
    const manifest = path.join(root, FUNCTIONS[fn].directory, "package.json");
    expect(existsSync(manifest)).toBe(true);
    expect(JSON.parse(readFileSync(manifest, "utf8")).name).toBe(FUNCTIONS[fn].packageName);
    expect(FUNCTIONS[fn].handler).toBe("handler.handler");
  });

  it("routes only to functions it defines, and every function has a route", () => {
    for (const route of ROUTES) expect(FUNCTION_NAMES).toContain(route.function);
    for (const fn of FUNCTION_NAMES) expect(ROUTES.some((route) => route.function === fn)).toBe(true);
  });

  it("keeps within Lambda's limits for memory (128-10240 MB) and timeout (1-900 s)", () => {
    for (const fn of FUNCTION_NAMES) {
      expect(FUNCTIONS[fn].memoryMb).toBeGreaterThanOrEqual(128);
      expect(FUNCTIONS[fn].memoryMb).toBeLessThanOrEqual(10240);
      expect(FUNCTIONS[fn].timeoutSeconds).toBeGreaterThanOrEqual(1);
      expect(FUNCTIONS[fn].timeoutSeconds).toBeLessThanOrEqual(900);
    }
  });

  it("resolves bucket references to the stage's bucket name", () => {
    expect(functionEnvironment("store-save", "prod")).toEqual({ DATA_BUCKET: "holonet-prod-data" });
    expect(functionEnvironment("quote", "prod")).toEqual({});
    expect(bucketName("web", "dev")).toBe("holonet-dev-web");
    expect(functionName("store-get")).toBe("holonet-store-get");
  });

  it("lets the store functions touch only the data prefix, and quote no bucket", () => {
    expect(FUNCTIONS.quote.uses).toEqual([]);
    for (const fn of ["store-save", "store-get"] as const) {
      for (const use of FUNCTIONS[fn].uses)
        expect(use).toMatchObject({ bucket: "data", prefix: DATA_PREFIX });
    }
    expect(FUNCTIONS["store-save"].uses.flatMap((use) => use.actions)).toEqual(["write"]);
    expect(FUNCTIONS["store-get"].uses.flatMap((use) => use.actions)).toEqual(["read", "list"]);
  });

  it("runs the functions on a runtime Lambda supports, which the bundles target and the local runtime runs", () => {
    // AWS's supported Node.js runtimes: https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
    expect(["nodejs22.x", "nodejs24.x"]).toContain(RUNTIME);
    // A bundle built for a newer Node.js than its runtime's may use syntax that runtime cannot load.
    expect(BUNDLE_TARGET).toBe(`node${runtimeMajor(RUNTIME)}`);
    expect(PINNED_RUNTIMES).toContain(RUNTIME);
  });

  it("serves the web bucket as a website and keeps the data bucket plain", () => {
    expect(BUCKETS.web.website?.indexDocument).toBe("index.html");
    expect(BUCKETS.data.website).toBeUndefined();
  });
});

describe("the store operation of each route, which the architecture diagrams draw", () => {
  it("names only routes that exist, and covers every route whose function may touch a bucket", () => {
    const keys = ROUTES.map(routeKey);
    expect(Object.keys(ROUTE_STORE_OPERATIONS).filter((key) => !keys.includes(key))).toEqual([]);
    const touching = ROUTES.filter((route) => FUNCTIONS[route.function].uses.length > 0).map(routeKey);
    expect(touching.filter((key) => !ROUTE_STORE_OPERATIONS[key])).toEqual([]);
  });
});
