import { describe, expect, it } from "vitest";
import { compileFilterPattern } from "../src/log-filter-pattern";
import { createLogStore } from "../src/log-store";

describe("the log store", () => {
  it("keeps the newest events of a group only, in a stream per version named as Lambda names them", () => {
    const store = createLogStore({ limit: 3, now: () => Date.UTC(2026, 10, 27, 13) });
    for (const n of [1, 2, 3, 4, 5])
      store.append({
        functionName: "holonet-quote",
        version: "2",
        logGroup: "/aws/lambda/holonet-quote",
        text: `line ${n}`,
      });
    const group = store.group("/aws/lambda/holonet-quote");
    expect(group?.events.map((event) => event.message)).toEqual(["line 3", "line 4", "line 5"]);
    expect([...(group?.streams.keys() ?? [])]).toEqual([
      expect.stringMatching(/^2026\/11\/27\/\[2\][0-9a-f]{32}$/),
    ]);
  });

  it("keeps a version's logs in the group its LoggingConfig names, the function's name in the stream", () => {
    const store = createLogStore({ now: () => Date.UTC(2026, 10, 27, 13) });
    store.append({ functionName: "holonet-quote", version: "3", logGroup: "/holonet/prod/quote", text: "x" });
    expect(store.groups().map((group) => group.logGroupName)).toEqual(["/holonet/prod/quote"]);
    expect([...(store.group("/holonet/prod/quote")?.streams.keys() ?? [])]).toEqual([
      expect.stringMatching(/^2026\/11\/27\/holonet-quote\[3\][0-9a-f]{32}$/),
    ]);
  });
});

describe("filter patterns", () => {
  it("match all plain terms, case-sensitively; quoted phrases literally; ?terms any of", () => {
    const match = compileFilterPattern('ERROR "store failed" ?quote ?save');
    expect(match?.("ERROR: store failed on save")).toBe(true);
    expect(match?.("error: store failed on save")).toBe(false);
    expect(match?.("ERROR: store failed")).toBe(false);
    expect(compileFilterPattern('"a \\"b\\""')?.('x a "b" y')).toBe(true);
    expect(compileFilterPattern("")?.("anything")).toBe(true);
    expect(compileFilterPattern("{ $.level = ERROR }")).toBeNull();
  });
});
