import { describe, expect, it } from "vitest";
import { quoteStoreFromEnvironment } from "../src/quote-store-wiring";
import { gcsEnvironment } from "../src/s3-elsewhere";

const elsewhere = gcsEnvironment({
  bucket: "holonet-data",
  hmacAccessId: "id",
  hmacSecret: "s",
  region: "auto",
});

describe("a store service wired from its environment", () => {
  it("needs only the data bucket on Lambda, where the SDK finds its endpoint and credentials itself", () => {
    const { store, logger } = quoteStoreFromEnvironment(
      "store-get",
      { platform: "lambda" },
      { DATA_BUCKET: "holonet-data" },
    );
    expect(typeof store.get).toBe("function");
    expect(logger.service).toBe("store-get");
  });

  it("stops anywhere else without the S3-compatible endpoint and keys, naming each one", () => {
    expect(() =>
      quoteStoreFromEnvironment("store-save", { platform: "elsewhere" }, { DATA_BUCKET: "holonet-data" }),
    ).toThrow(/AWS_ENDPOINT_URL_S3.*AWS_ACCESS_KEY_ID.*AWS_SECRET_ACCESS_KEY.*AWS_REGION/);
  });

  it("logs at the level and to the writer it is given", () => {
    const lines: string[] = [];
    const { logger } = quoteStoreFromEnvironment(
      "store-save",
      { platform: "elsewhere", writeLog: (line) => lines.push(line) },
      { ...elsewhere, LOG_LEVEL: "warn" },
    );
    logger.info("dropped");
    logger.warn("kept");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: "WARN", service: "store-save", message: "kept" }),
    ]);
  });
});
