import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badRequest } from "./support/bad-input-arbitraries";
import {
  documentedStatuses,
  GATEWAY_STATUSES,
  isErrorBody,
  isGatewayBody,
} from "./support/documented-statuses";
import { recordFigures } from "./support/figures";
import { type RawRequest, type RawResponse, sendRaw } from "./support/raw-http";
import { SEED, SIZES } from "./support/sizes";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

let stack: TestCloud;

beforeAll(async () => {
  stack = await startTestCloud({ throttling: NO_THROTTLING });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
};

/** Why an answer breaks the property, or null when it keeps it. */
function violation(request: RawRequest, response: RawResponse): string | null {
  const { status } = response;
  if (status >= 500 && status !== 503) return `a ${status}`;
  const documented = documentedStatuses(request.method, request.path.split("?")[0] ?? "");
  const bodiless = request.method === "HEAD" || status === 304;
  const body = bodiless ? undefined : parseJson(response.body);
  if (GATEWAY_STATUSES.has(status) && (bodiless || isGatewayBody(body))) return null;
  if (!documented.has(status)) return `status ${status}, documented: ${[...documented].join(", ")}`;
  if (bodiless) return null;
  if (status < 300) return body === undefined ? "a success that is not JSON" : null;
  return isErrorBody(body)
    ? null
    : `an error body of another shape: ${response.body.toString().slice(0, 200)}`;
}

describe("bad input through the HTTP API", () => {
  it(
    "answers every request with a documented status and body, never a 5xx, and keeps serving",
    async () => {
      let tried = 0;
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(badRequest, async (request) => {
          tried++;
          const response = await sendRaw(stack.cloud.api, request);
          statuses.add(response.status);
          const problem = violation(request, response);
          if (problem !== null)
            throw new Error(`${request.method} ${request.path.slice(0, 200)}: ${problem}`);
        }),
        // fast-check prints the seed and path of a failure; HOLONET_SEED replays it.
        { numRuns: SIZES.badInputRuns, seed: SEED, endOnFailure: true },
      );
      const jedi = await fetch(`${stack.cloud.api}/quote?isJedi=true`);
      expect(jedi.status).toBe(200);
      expect(((await jedi.json()) as { quote: string }).quote).toEqual(expect.any(String));
      recordFigures("bad-input", {
        casesTried: tried,
        numRuns: SIZES.badInputRuns,
        distinctStatuses: [...statuses].sort((a, b) => a - b).join(" "),
        fiveHundreds: [...statuses].filter((status) => status >= 500 && status !== 503).length,
      });
    },
    SIZES.badInputRuns * 200 + 30_000,
  );
});
