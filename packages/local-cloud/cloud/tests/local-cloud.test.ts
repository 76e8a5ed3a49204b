import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateAliasCommand,
  GetAliasCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDevConfig } from "../src/dev-config";
import { FREE_PORTS, type LocalCloud, localClientConfig, startLocalCloud } from "../src/local-cloud";

// The whole local cloud on loopback, on free ports, in a temporary data folder: real S3, real Lambda API,
// real HTTP API, the built bundles of the services.
const root = path.resolve(import.meta.dirname, "../../../..");
let dataDir: string;
let cloud: LocalCloud;
let lambda: LambdaClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-cloud-"));
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
  lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
}, 60_000);

afterAll(async () => {
  lambda?.destroy();
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (pathAndQuery: string, init?: RequestInit) => fetch(`${cloud.api}${pathAndQuery}`, init);
/** The JSON body of an answer, for reading in a test. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever the answer holds and asserts on it.
const json = async (response: Response): Promise<any> => response.json();
const saveQuote = async (quote: string) => {
  const response = await api("/quotes", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ quote }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; quote: string };
};

describe("the local cloud", () => {
  it("writes its endpoints and functions to dev.json", () => {
    expect(readDevConfig(dataDir)).toEqual({
      api: cloud.api,
      web: cloud.web,
      s3: cloud.s3,
      lambda: cloud.lambda,
      cloudformation: cloud.cloudformation,
      logs: cloud.logs,
      dashboard: cloud.dashboard,
      stages: {
        dev: { api: cloud.api, web: cloud.web },
        ci: cloud.stages.ci,
        prod: cloud.stages.prod,
      },
      functions: {
        quote: { name: "holonet-quote", alias: "dev" },
        "store-save": { name: "holonet-store-save", alias: "dev" },
        "store-get": { name: "holonet-store-get", alias: "dev" },
      },
    });
  });

  it("serves GET /quote through the HTTP API: a quote for a Jedi, 403 for anyone else", async () => {
    const jedi = await api("/quote?isJedi=true");
    expect(jedi.status).toBe(200);
    expect((await json(jedi)).quote).toEqual(expect.any(String));
    const other = await api("/quote?isJedi=false");
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({
      error: { code: "FORBIDDEN", message: "Sorry you can't get a quote" },
    });
  });

  it("saves a quote and reads it back by id and in the list, newest first", async () => {
    const first = await saveQuote("First, in the local cloud.");
    const second = await saveQuote("Second, in the local cloud.");
    const one = await api(`/quotes/${first.id}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(first);
    const page = await json(await api("/quotes?limit=2"));
    expect(page.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
  });

  it("answers the gateway's own 404 for an unknown route", async () => {
    const response = await api("/nowhere");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Not Found" });
  });

  it("allows the website's origin, and only that, by CORS", async () => {
    const origin = new URL(cloud.web).origin;
    const preflight = (from: string) =>
      api("/quotes", {
        method: "OPTIONS",
        headers: {
          origin: from,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight(origin);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(origin);
    const refused = await preflight("http://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves the website from the web bucket, configured with the API's URL", async () => {
    const page = await fetch(cloud.web);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await (await fetch(new URL("config.json", cloud.web))).json()).toEqual({ apiUrl: cloud.api });
  });

  it("answers the Lambda API: the SDK invokes the stage alias directly", async () => {
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: "holonet-quote",
        Qualifier: "dev",
        Payload: JSON.stringify({ isJedi: true }),
      }),
    );
    expect(result.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(result.Payload ?? []).toString()).quote).toEqual(expect.any(String));
    const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: "holonet-quote" }));
    expect(aliases.Aliases?.map((alias) => alias.Name)).toEqual(["dev"]);
  });

  it("serves whatever version the alias points at, with no restart", async () => {
    const { FunctionVersion: original } = await lambda.send(
      new GetAliasCommand({ FunctionName: "holonet-quote", Name: "dev" }),
    );
    const code = 'export const handler = async () => ({ quote: "A new hope." });\n';
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: "holonet-quote",
        ZipFile: zipSync({ "handler.mjs": new TextEncoder().encode(code) }),
      }),
    );
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: "holonet-quote" });
    const { Version: next } = await lambda.send(new PublishVersionCommand({ FunctionName: "holonet-quote" }));
    await lambda.send(
      new UpdateAliasCommand({ FunctionName: "holonet-quote", Name: "dev", FunctionVersion: next }),
    );
    expect(await (await api("/quote?isJedi=true")).json()).toEqual({ quote: "A new hope." });

    await lambda.send(
      new UpdateAliasCommand({ FunctionName: "holonet-quote", Name: "dev", FunctionVersion: original }),
    );
    expect((await json(await api("/quote?isJedi=true"))).quote).not.toBe("A new hope.");
    // A second alias on the new version serves it beside the stage's.
    await lambda.send(
      new CreateAliasCommand({ FunctionName: "holonet-quote", Name: "canary", FunctionVersion: next }),
    );
    const canary = await lambda.send(
      new InvokeCommand({ FunctionName: "holonet-quote:canary", Payload: "{}" }),
    );
    expect(JSON.parse(Buffer.from(canary.Payload ?? []).toString())).toEqual({ quote: "A new hope." });
  });

  it("keeps saved quotes across a restart, and forgets them with reset", async () => {
    const saved = await saveQuote("Still here after a restart.");
    await cloud.close();
    cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
    expect(await (await api(`/quotes/${saved.id}`)).json()).toEqual(saved);

    await cloud.close();
    cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS, reset: true });
    expect(await (await api("/quotes")).json()).toEqual({ items: [] });
    lambda.destroy();
    lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
  }, 60_000);

  it("counts what it served and prices it", async () => {
    await cloud.close();
    cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
    await api("/quote?isJedi=true");
    await api("/quote?isJedi=false");
    const summary = cloud.costSummary().join("\n");
    expect(summary).toMatch(/holonet-quote\s+2 invocations\s+0 errors/);
    expect(summary).toMatch(/HTTP API 2 requests/);
  }, 60_000);
});
