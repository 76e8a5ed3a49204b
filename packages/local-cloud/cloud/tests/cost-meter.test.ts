import { describe, expect, it } from "vitest";
import { createCostMeter } from "../src/cost-meter";
import { PRICES } from "../src/pricing";

describe("cost meter", () => {
  it("prices invocations by billed GB-seconds and requests, per function", () => {
    let now = 0;
    const meter = createCostMeter(() => now);
    // 1,000 ms at 1,024 MB is 1 GB-s; at 512 MB, half of one.
    meter.recordInvocation({
      functionName: "holonet-quote",
      billedDurationMs: 1000,
      memoryMb: 1024,
      coldStart: true,
    });
    meter.recordInvocation({
      functionName: "holonet-quote",
      billedDurationMs: 1000,
      memoryMb: 512,
      coldStart: false,
      error: "x",
    });
    meter.recordApiRequest();
    now = 60_000;
    expect(meter.usage()).toEqual({
      functions: { "holonet-quote": { invocations: 2, errors: 1, coldStarts: 1, gbSeconds: 1.5 } },
      apiRequests: 1,
    });
    const cost = 2 * PRICES.lambdaPerRequest + 1.5 * PRICES.lambdaPerGbSecond;
    expect(meter.summary().join("\n")).toContain(`$${cost.toFixed(6)}`);
    expect(meter.summary()[0]).toBe("Cost of this session at AWS list prices (60 s):");
  });

  it("leaves a month of light traffic inside the free tier", () => {
    let now = 0;
    const meter = createCostMeter(() => now);
    meter.recordInvocation({ functionName: "f", billedDurationMs: 10, memoryMb: 128, coldStart: false });
    now = 3_600_000;
    expect(meter.summary().at(-1)).toMatch(
      /^If this traffic went on for a month: Lambda \$0\.00 after the free tier/,
    );
  });
});
