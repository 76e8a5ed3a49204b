import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ErrorBody } from "@holonet/contracts/error-body";
import { rawRequest } from "@holonet/test-kit/raw-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BucketInfo,
  CostSnapshot,
  type DashboardSource,
  FunctionInfo,
  InvocationDetail,
  InvocationSummary,
  MetricsSnapshot,
} from "../src/dashboard-api";
import { DashboardHttpError, dashboardClient } from "../src/dashboard-client";
import { type Dashboard, startDashboard } from "../src/dashboard-server";
import { buildPageForTest } from "./support/built-page";
import { fixtureSource } from "./support/fixture-source";

const NEWEST = "7f3c2a1e-0b4d-4c5e-9a8f-000000000004";
const STORE_SAVE = "7f3c2a1e-0b4d-4c5e-9a8f-000000000002";

let page: Awaited<ReturnType<typeof buildPageForTest>>;
let dashboard: Dashboard;
const fixture = fixtureSource();
const askedLimits: number[] = [];
const source: DashboardSource = {
  ...fixture.source,
  invocations: (limit) => {
    askedLimits.push(limit);
    return fixture.source.invocations(limit);
  },
};

beforeAll(async () => {
  page = await buildPageForTest();
  dashboard = await startDashboard({ port: 0, source, pageDir: page.dir });
});

afterAll(async () => {
  await dashboard?.close();
  await page?.remove();
});

async function getJson(route: string) {
  const response = await fetch(`${dashboard.url}${route}`);
  return { response, json: (await response.json()) as unknown };
}

async function expectError(route: string, status: number, code: string) {
  const { response, json } = await getJson(route);
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = ErrorBody.parse(json);
  expect(body.error.code).toBe(code);
  return body;
}

describe("the dashboard's JSON API", () => {
  it.each([
    ["/api/metrics", MetricsSnapshot],
    ["/api/invocations", InvocationSummary.array()],
    ["/api/invocations?limit=2", InvocationSummary.array()],
    [`/api/invocations/${STORE_SAVE}`, InvocationDetail],
    ["/api/functions", FunctionInfo.array()],
    ["/api/buckets", BucketInfo.array()],
    ["/api/cost", CostSnapshot],
  ])("answers GET %s with JSON of its contract, never cached", async (route, schema) => {
    const { response, json } = await getJson(route);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(schema.safeParse(json).success).toBe(true);
  });

  it("answers what the source holds, as it holds it", async () => {
    const client = dashboardClient(dashboard.url);

    expect(await client.metrics()).toEqual(fixture.fixtures.metrics);
    expect(await client.cost()).toEqual(fixture.fixtures.cost);
    expect(await client.functions()).toEqual(fixture.fixtures.functions);
    expect(await client.buckets()).toEqual(fixture.fixtures.buckets);
    expect(await client.invocation(STORE_SAVE)).toEqual(
      fixture.fixtures.invocations.find((one) => one.requestId === STORE_SAVE),
    );
  });

  it("lists the newest invocations first, 50 unless a limit is given", async () => {
    const client = dashboardClient(dashboard.url);
    askedLimits.length = 0;

    const all = await client.invocations();
    const two = await client.invocations(2);
    const most = await client.invocations(200);

    expect(askedLimits).toEqual([50, 2, 200]);
    expect(all.map((one) => one.requestId)[0]).toBe(NEWEST);
    expect(all.map((one) => one.startedAt)).toEqual(
      [...all.map((one) => one.startedAt)].sort((a, b) => b - a),
    );
    expect(two).toEqual(all.slice(0, 2));
    expect(most).toEqual(all);
  });

  it.each(["0", "201", "-1", "1.5", "abc", "", "1e2", "+5", "007", " 5", "5&limit=6"])(
    "refuses limit=%s with 400 and the project's error body",
    async (limit) => {
      const body = await expectError(`/api/invocations?limit=${limit}`, 400, "VALIDATION_FAILED");

      expect(body.error.details).toEqual([
        { path: "query.limit", message: "limit must be one integer from 1 to 200." },
      ]);
    },
  );

  it("answers 404 with an error body for an invocation it does not hold", async () => {
    const body = await expectError("/api/invocations/no-such-request", 404, "NOT_FOUND");

    expect(body.error.message).toContain("no-such-request");
  });

  it("finds an invocation by a percent-encoded id and refuses broken encoding", async () => {
    const encoded = await getJson(`/api/invocations/${NEWEST.replace("7", "%37").replaceAll("-", "%2D")}`);

    expect(encoded.response.status).toBe(200);
    expect(InvocationDetail.parse(encoded.json).requestId).toBe(NEWEST);
    await expectError("/api/invocations/%E0%A4%A", 400, "VALIDATION_FAILED");
  });

  it.each(["/api/nothing", "/api", "/api/metrics/extra", "/nothing.js", "/assets/missing.js"])(
    "answers 404 in JSON for the unknown route %s",
    async (route) => {
      await expectError(route, 404, "NOT_FOUND");
    },
  );

  it("is read-only: other methods answer 405 with Allow", async () => {
    const answer = await rawRequest({ url: `${dashboard.url}/api/metrics`, method: "POST" });

    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, HEAD");
    expect(ErrorBody.parse(JSON.parse(answer.body)).error.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const answer = await rawRequest({ url: `${dashboard.url}/api/cost`, method: "HEAD" });

    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(Number(answer.headers["content-length"])).toBeGreaterThan(0);
    expect(answer.body).toBe("");
  });

  it("answers only to loopback host names, so a rebound DNS name cannot read it", async () => {
    const port = new URL(dashboard.url).port;
    const foreign = await rawRequest({
      url: `${dashboard.url}/api/metrics`,
      headers: { host: `evil.example:${port}` },
    });
    const local = await rawRequest({
      url: `${dashboard.url}/api/metrics`,
      headers: { host: `localhost:${port}` },
    });

    expect(foreign.status).toBe(403);
    expect(ErrorBody.parse(JSON.parse(foreign.body)).error.code).toBe("HOST_NOT_ALLOWED");
    expect(local.status).toBe(200);
  });

  it("calls the Lambda and S3 APIs once for many pages polling at once", async () => {
    const before = { ...fixture.calls };

    await Promise.all(
      Array.from({ length: 20 }, () => Promise.all([getJson("/api/functions"), getJson("/api/buckets")])),
    );

    expect(fixture.calls.functions - before.functions).toBeLessThanOrEqual(1);
    expect(fixture.calls.buckets - before.buckets).toBeLessThanOrEqual(1);
  });
});

describe("the dashboard page", () => {
  it("is served with a Content-Security-Policy that allows no inline script or style", async () => {
    const response = await fetch(dashboard.url);
    const html = await response.text();
    const csp = response.headers.get("content-security-policy") ?? "";

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, inline] of scripts) {
      expect(tag).toMatch(/src="assets\/app-[A-Z0-9]+\.js"/);
      expect(inline).toBe("");
    }
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it("serves its hashed script and stylesheet, cacheable for a year", async () => {
    const html = await (await fetch(dashboard.url)).text();
    const assets = [...html.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((match) => match[1]);

    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      const response = await fetch(`${dashboard.url}/${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-type")).toMatch(
        asset?.endsWith(".js") ? /^text\/javascript/ : /^text\/css/,
      );
      expect((await response.text()).length).toBeGreaterThan(1000);
    }
  });
});

describe("the dashboard server when things go wrong", () => {
  it("answers 500 with a generic error body and logs the cause when the source throws", async () => {
    const lines: string[] = [];
    const broken = await startDashboard({
      port: 0,
      pageDir: page.dir,
      log: (line) => lines.push(line),
      source: {
        ...fixture.source,
        metrics: () => {
          throw new Error("telemetry store is gone");
        },
        functions: () => Promise.reject(new Error("Lambda API refused")),
      },
    });
    try {
      const metrics = await fetch(`${broken.url}/api/metrics`);
      const functions = await fetch(`${broken.url}/api/functions`);
      const metricsBody = ErrorBody.parse(await metrics.json());

      expect(metrics.status).toBe(500);
      expect(functions.status).toBe(500);
      expect(metricsBody.error.code).toBe("INTERNAL_ERROR");
      expect(metricsBody.error.message).not.toContain("telemetry store");
      expect(lines.join("\n")).toContain("telemetry store is gone");
      expect(lines.join("\n")).toContain("Lambda API refused");
    } finally {
      await broken.close();
    }
  });

  it("still answers the API, and says how to build the page, when the page is not built", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "holonet-dashboard-unbuilt-"));
    const lines: string[] = [];
    const unbuilt = await startDashboard({
      port: 0,
      pageDir: empty,
      source,
      log: (line) => lines.push(line),
    });
    try {
      const pageAnswer = await fetch(unbuilt.url);
      const metrics = await fetch(`${unbuilt.url}/api/metrics`);

      expect(pageAnswer.status).toBe(503);
      expect(await pageAnswer.text()).toContain("pnpm --filter @holonet/local-dashboard build");
      expect(metrics.status).toBe(200);
      expect(lines.join("\n")).toContain("not built");
    } finally {
      await unbuilt.close();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("the client turns an error answer into a DashboardHttpError with its body", async () => {
    const client = dashboardClient(dashboard.url);

    const failure = await client.invocation("missing").catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DashboardHttpError);
    expect((failure as DashboardHttpError).status).toBe(404);
    expect((failure as DashboardHttpError).body.error.code).toBe("NOT_FOUND");
  });
});
