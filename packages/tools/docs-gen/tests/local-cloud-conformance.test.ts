import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FREE_PORTS, type LocalCloud, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../src/openapi-document";

// Real answers from the local cloud (the built services behind the local HTTP API, on loopback) must be
// what the OpenAPI document says: a documented status for the route, a body its schema accepts, and the
// documented headers.
const root = path.resolve(import.meta.dirname, "../../../..");
const document = openApiDocument();
const DOCUMENT_ID = "https://holonet.invalid/openapi.json";
const ajv = addFormats.default(new Ajv2020({ allErrors: true, strict: false }));
ajv.addSchema({ ...structuredClone(document), $id: DOCUMENT_ID });

interface Documented {
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
}
const pointer = (...parts: string[]) =>
  parts.map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

/** Checks one real answer against the document's operation for `method` and `pathTemplate`. */
async function expectDocumented(method: string, pathTemplate: string, response: Response) {
  const operation = (
    document.paths as Record<string, Record<string, { responses: Record<string, Documented> }>>
  )[pathTemplate]?.[method.toLowerCase()];
  const documented = operation?.responses[String(response.status)];
  expect(
    documented,
    `${method} ${pathTemplate} answered ${response.status}, which is not documented`,
  ).toBeDefined();
  for (const header of Object.keys(documented?.headers ?? {}))
    expect(
      response.headers.get(header),
      `${method} ${pathTemplate} ${response.status} ${header}`,
    ).toBeTruthy();
  const text = await response.text();
  if (!documented?.content) {
    expect(text).toBe("");
    return undefined;
  }
  const body = JSON.parse(text);
  const validate = ajv.getSchema(
    `${DOCUMENT_ID}#/${pointer("paths", pathTemplate, method.toLowerCase(), "responses", String(response.status), "content", "application/json", "schema")}`,
  );
  expect(
    validate?.(body),
    `${method} ${pathTemplate} ${response.status}: ${ajv.errorsText(validate?.errors)}`,
  ).toBe(true);
  return body;
}

let dataDir: string;
let cloud: LocalCloud;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "holonet-docs-"));
  cloud = await startLocalCloud({ root, dataDir, ports: FREE_PORTS });
}, 60_000);

afterAll(async () => {
  await cloud?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (pathAndQuery: string, init?: RequestInit) => fetch(`${cloud.api}${pathAndQuery}`, init);
const JSON_HEADERS = { "content-type": "application/json" };

describe("the local cloud answers as the OpenAPI document says", () => {
  it("GET /quote: a quote for a Jedi, 403 for anyone else, 400 for nonsense", async () => {
    expect((await expectDocumented("GET", "/quote", await api("/quote?isJedi=true"))).quote).toEqual(
      expect.any(String),
    );
    const refused = await api("/quote?isJedi=false");
    expect(refused.status).toBe(403);
    await expectDocumented("GET", "/quote", refused);
    const invalid = await api("/quote?isJedi=maybe");
    expect(invalid.status).toBe(400);
    await expectDocumented("GET", "/quote", invalid);
  });

  it("POST /quotes, GET /quotes/{id} (200, then 304 on its ETag, 404) and GET /quotes (200, 400)", async () => {
    const saved = await api("/quotes", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ quote: "Do. Or do not. There is no try.", author: "Yoda" }),
    });
    expect(saved.status).toBe(201);
    const item = await expectDocumented("POST", "/quotes", saved);

    const one = await api(`/quotes/${item.id}`);
    expect(one.status).toBe(200);
    const etag = one.headers.get("etag") ?? "";
    await expectDocumented("GET", "/quotes/{id}", one);
    const unchanged = await api(`/quotes/${item.id}`, { headers: { "if-none-match": etag } });
    expect(unchanged.status).toBe(304);
    await expectDocumented("GET", "/quotes/{id}", unchanged);
    const missing = await api("/quotes/01JDQ3H7Y8ZK4M6N2P9R5T0VWX");
    expect(missing.status).toBe(404);
    await expectDocumented("GET", "/quotes/{id}", missing);

    const page = await api("/quotes?limit=5");
    expect(page.status).toBe(200);
    expect((await expectDocumented("GET", "/quotes", page)).items[0].id).toBe(item.id);
    const badLimit = await api("/quotes?limit=500");
    expect(badLimit.status).toBe(400);
    await expectDocumented("GET", "/quotes", badLimit);
  }, 30_000);

  it("POST /quotes: 400 for a quote too long, 415 for a body that is not JSON", async () => {
    const tooLong = await api("/quotes", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ quote: "x".repeat(1001) }),
    });
    expect(tooLong.status).toBe(400);
    await expectDocumented("POST", "/quotes", tooLong);
    const text = await api("/quotes", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "Do.",
    });
    expect(text.status).toBe(415);
    await expectDocumented("POST", "/quotes", text);
  });

  it("an unknown route: API Gateway's own 404, as documented on every operation", async () => {
    const unknown = await api("/droids");
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    const validate = ajv.getSchema(`${DOCUMENT_ID}#/components/schemas/GatewayError`);
    expect(validate?.(body), ajv.errorsText(validate?.errors)).toBe(true);
    expect(body).toEqual({ message: "Not Found" });
    for (const methods of Object.values(document.paths))
      for (const operation of Object.values(
        methods as Record<string, { responses: Record<string, unknown> }>,
      ))
        expect(operation.responses["404"]).toBeDefined();
  });
});
