import { STAGES } from "@holonet/infra/app-definition";
import { cloudFormationTemplate } from "@holonet/infra/cloudformation-template";
import { LOGICAL_IDS } from "@holonet/infra/stack-names";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RawRequest, type RawResponse, sendRaw } from "./support/raw-http";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

const ALLOW_ORIGIN = "access-control-allow-origin";
const FOREIGN_ORIGINS = ["http://evil.example", "null", "http://127.0.0.1:1", "https://holonet.example.com"];

describe.each(STAGES)("the %s stack's CORS configuration", (stage) => {
  const apis = Object.values(cloudFormationTemplate(stage).Resources).filter(
    (resource) => resource.Type === "AWS::ApiGatewayV2::Api",
  );

  it("allows the stage's own website origin alone: no `*`, no credentials", () => {
    expect(apis).toHaveLength(1);
    for (const api of apis) {
      const cors = (api.Properties as { CorsConfiguration?: Record<string, unknown> }).CorsConfiguration;
      expect(cors).toBeDefined();
      expect(cors?.AllowOrigins).toEqual([{ "Fn::GetAtt": [LOGICAL_IDS.bucket("web"), "WebsiteURL"] }]);
      expect(JSON.stringify(cors)).not.toContain('"*"');
      expect(cors?.AllowCredentials).not.toBe(true);
    }
  });
});

describe("CORS on the running HTTP API", () => {
  let stack: TestCloud;
  let siteOrigin: string;
  const seen: RawResponse[] = [];
  const send = async (request: RawRequest) => {
    const response = await sendRaw(stack.cloud.api, request);
    seen.push(response);
    return response;
  };
  const preflight = (origin: string, method = "POST") =>
    send({
      method: "OPTIONS",
      path: "/quotes",
      headers: {
        origin,
        "access-control-request-method": method,
        "access-control-request-headers": "content-type",
      },
    });

  beforeAll(async () => {
    stack = await startTestCloud({ throttling: NO_THROTTLING });
    siteOrigin = new URL(stack.cloud.web).origin;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("answers the website's preflight with its own origin", async () => {
    const answer = await preflight(siteOrigin);
    expect(answer.headers[ALLOW_ORIGIN]).toBe(siteOrigin);
  });

  it("gives a preflight from any other origin no access-control-allow-origin", async () => {
    for (const origin of FOREIGN_ORIGINS) {
      for (const method of ["GET", "POST", "DELETE"]) {
        const answer = await preflight(origin, method);
        expect(answer.headers[ALLOW_ORIGIN], `${origin} ${method}`).toBeUndefined();
      }
    }
  });

  it("lets no other origin read an answer, and never answers `*`, whatever the status", async () => {
    const requests: RawRequest[] = [
      { method: "GET", path: "/quote?isJedi=true" },
      { method: "GET", path: "/quote?isJedi=false" },
      { method: "GET", path: "/quotes" },
      { method: "GET", path: "/quotes/not-an-id" },
      { method: "GET", path: "/nowhere" },
      { method: "POST", path: "/quotes", headers: { "content-type": "application/json" }, body: "{" },
      { method: "POST", path: "/quotes", headers: { "content-type": "text/plain" }, body: "x" },
      {
        method: "POST",
        path: "/quotes",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ quote: "Do. Or do not." }),
      },
    ];
    for (const request of requests) {
      for (const origin of FOREIGN_ORIGINS) {
        const answer = await send({ ...request, headers: { ...request.headers, origin } });
        expect(
          answer.headers[ALLOW_ORIGIN],
          `${request.method} ${request.path} from ${origin}`,
        ).toBeUndefined();
      }
      const own = await send({ ...request, headers: { ...request.headers, origin: siteOrigin } });
      // The gateway's own 404 for a path with no route carries no CORS headers at all.
      const routed = request.path !== "/nowhere";
      expect(own.headers[ALLOW_ORIGIN], `${request.method} ${request.path}`).toBe(
        routed ? siteOrigin : undefined,
      );
      await send(request);
    }
    expect(seen.length).toBeGreaterThan(50);
    for (const answer of seen) expect(answer.headers[ALLOW_ORIGIN]).not.toBe("*");
  });
});
