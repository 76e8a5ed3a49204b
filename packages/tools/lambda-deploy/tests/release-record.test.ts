import { describe, expect, it } from "vitest";
import {
  aliasHistory,
  historyDescription,
  versionDescription,
  versionRecord,
  withoutRecord,
} from "../src/release-record";

describe("the release record a deploy keeps on Lambda", () => {
  it("marks a version with its stage and origin, and reads them back", () => {
    const description = versionDescription("A random Star Wars quote", "prod", "deploy");
    expect(description).toBe("A random Star Wars quote [holonet stage=prod]");
    expect(versionRecord(description)).toEqual({ stage: "prod", origin: "deploy" });
    expect(withoutRecord(description)).toBe("A random Star Wars quote");
    const hot = versionDescription("x", "dev", "pnpm-dev");
    expect(versionRecord(hot)).toEqual({ stage: "dev", origin: "pnpm-dev" });
    expect(versionRecord("a version someone published by hand")).toBeUndefined();
  });

  it("keeps a version's description within Lambda's 256 characters, the record whole", () => {
    const description = versionDescription("x".repeat(300), "dev", "pnpm-dev");
    expect(description).toHaveLength(256);
    expect(versionRecord(description)).toEqual({ stage: "dev", origin: "pnpm-dev" });
  });

  it("writes an alias's history newest first, dropping the oldest past 256 characters", () => {
    expect(historyDescription(["9", "7", "4"])).toBe("holonet live: 9 7 4");
    expect(aliasHistory("holonet live: 9 7 4")).toEqual(["9", "7", "4"]);
    expect(aliasHistory("")).toEqual([]);
    expect(aliasHistory("an alias made by hand")).toEqual([]);
    const long = historyDescription(Array.from({ length: 200 }, (_, i) => String(1000 - i)));
    expect(long.length).toBeLessThanOrEqual(256);
    expect(aliasHistory(long)[0]).toBe("1000");
  });

  it("records a promotion's origin, and still reads the records written before promotions existed", () => {
    const promoted = versionDescription("A random Star Wars quote", "prod", "deploy", {
      stage: "ci",
      version: "7",
    });
    expect(promoted).toBe("A random Star Wars quote [holonet stage=prod from=ci:7]");
    expect(versionRecord(promoted)).toEqual({
      stage: "prod",
      origin: "deploy",
      promotedFrom: { stage: "ci", version: "7" },
    });
    expect(withoutRecord(promoted)).toBe("A random Star Wars quote");
    expect(versionRecord("A random Star Wars quote [holonet stage=ci]")).toEqual({
      stage: "ci",
      origin: "deploy",
    });
    const long = versionDescription("x".repeat(300), "prod", "deploy", { stage: "ci", version: "12345" });
    expect(long).toHaveLength(256);
    expect(versionRecord(long)?.promotedFrom).toEqual({ stage: "ci", version: "12345" });
  });
});
