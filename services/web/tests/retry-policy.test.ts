import { describe, expect, it } from "vitest";
import { backoffMs, shouldRetry } from "../src/retry-policy";

describe("retry policy", () => {
  it("retries API Gateway's own throttling (429) for every method", () => {
    expect(shouldRetry("GET", 429)).toBe(true);
    expect(shouldRetry("POST", 429)).toBe(true);
  });

  // A throttled function is a 500 (services-apigateway-errors.html): not a sign that nothing ran.
  it("retries a 5xx for reads only, and nothing the caller caused", () => {
    for (const status of [500, 502, 503, 504]) {
      expect(shouldRetry("GET", status), `GET ${status}`).toBe(true);
      expect(shouldRetry("POST", status), `POST ${status}`).toBe(false);
    }
    for (const status of [200, 400, 403, 404, 413, 415]) expect(shouldRetry("GET", status)).toBe(false);
  });

  it("pauses longer before each retry, within a jittered range", () => {
    expect(backoffMs(0, () => 0)).toBe(200);
    expect(backoffMs(0, () => 1)).toBe(400);
    expect(backoffMs(1, () => 0)).toBe(400);
    expect(backoffMs(1, () => 1)).toBe(800);
  });
});
