import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BareServer, startBareServer } from "../src/bare-server";
import { runLoad } from "../src/load";

// One short, real measurement: autocannon in its own process against a bare server on loopback.
let bare: BareServer;
beforeAll(async () => {
  bare = await startBareServer({
    status: 200,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify({ quote: "Stay on target." })),
  });
});
afterAll(() => bare?.close());

describe("runLoad", () => {
  it("measures a bare server: answers, a rate and latencies, all positive", async () => {
    const result = await runLoad({ url: `${bare.url}/quote`, connections: 2, durationSeconds: 1 });
    expect(result.ok).toBeGreaterThan(0);
    expect(result.notOk).toBe(0);
    expect(result.rps).toBeGreaterThan(0);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
    expect(result.statusCodes["200"]).toBe(result.ok);
  });

  it("refuses any target but loopback", async () => {
    await expect(runLoad({ url: "http://192.0.2.1/", connections: 1, durationSeconds: 1 })).rejects.toThrow(
      /loopback only/,
    );
  });
});
