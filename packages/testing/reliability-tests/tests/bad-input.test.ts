import { ErrorBody } from "@holonet/contracts/error-body";
import { NOT_WELL_FORMED_MESSAGE } from "@holonet/contracts/text";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badRequest, illFormedSave } from "./support/bad-input-arbitraries";
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

// JSON text exchanged between systems must be well-formed Unicode (RFC 7493, section 2.1), and JSON's
// escapes can still spell a lone surrogate.
describe("text that is not well-formed Unicode, through the HTTP API", () => {
  it('refuses the raw JSON text {"quote":"\\ud800"} with 400, naming body.quote', async () => {
    const response = await sendRaw(stack.cloud.api, {
      method: "POST",
      path: "/quotes",
      headers: { "content-type": "application/json" },
      body: String.raw`{"quote":"\ud800"}`,
    });
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(parseJson(response.body)).error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "body.quote", message: NOT_WELL_FORMED_MESSAGE }],
    });
  });

  it(
    "answers every save with a lone surrogate in its quote or author with 400, naming each such field",
    async () => {
      await fc.assert(
        fc.asyncProperty(illFormedSave, async ({ request, illFormed }) => {
          const response = await sendRaw(stack.cloud.api, request);
          expect(response.status).toBe(400);
          const { error } = ErrorBody.parse(parseJson(response.body));
          expect(error.code).toBe("VALIDATION_FAILED");
          expect(error.details).toEqual(
            illFormed.map((path) => ({ path, message: NOT_WELL_FORMED_MESSAGE })),
          );
        }),
        { numRuns: SIZES.badInputRuns, seed: SEED, endOnFailure: true },
      );
    },
    SIZES.badInputRuns * 200 + 30_000,
  );
});
