import type { WebActionParams } from "@holonet/platform-adapters/openwhisk-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenWhiskHarness, startOpenWhiskHarness } from "../src/openwhisk-harness";

const received: { params: WebActionParams; activationId: string | undefined }[] = [];
let harness: OpenWhiskHarness;

beforeAll(async () => {
  harness = await startOpenWhiskHarness({
    echo: async (params) => {
      received.push({ params, activationId: process.env.__OW_ACTIVATION_ID });
      return {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: Buffer.from('{"ok":true}').toString("base64"),
      };
    },
    empty: async () => ({ statusCode: 304, headers: { etag: '"x"', "content-type": "application/json" } }),
  });
});
afterAll(() => harness.close());

describe("the OpenWhisk harness", () => {
  it("builds the raw web action parameters of docs/webactions.md from a request", async () => {
    const response = await fetch(`${harness.url("echo")}.http/quotes/1?name=Jane&x=a+b`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Custom": "yes" },
      body: '{"name":"Jane"}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get("x-openwhisk-activation-id")).toMatch(/^[0-9a-f]{32}$/);
    const { params, activationId } = received.at(-1) ?? { params: undefined, activationId: undefined };
    expect(params).toMatchObject({
      __ow_method: "post",
      __ow_path: "/quotes/1",
      __ow_query: "name=Jane&x=a+b",
      __ow_body: "eyJuYW1lIjoiSmFuZSJ9",
      __ow_headers: { "content-type": "application/json", "x-custom": "yes" },
    });
    expect(params?.__ow_headers["content-length"]).toBeUndefined();
    expect(activationId).toBe(response.headers.get("x-openwhisk-activation-id"));
  });

  it("passes text as text, an empty body as the empty string, and names a missing Content-Type", async () => {
    await fetch(harness.url("echo"), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "Jane",
    });
    expect(received.at(-1)?.params).toMatchObject({ __ow_body: "Jane", __ow_path: "" });
    await fetch(harness.url("echo"));
    expect(received.at(-1)?.params).toMatchObject({ __ow_method: "get", __ow_body: "" });
    await fetch(harness.url("echo"), { method: "POST", body: new TextEncoder().encode("{}") });
    expect(received.at(-1)?.params.__ow_headers["content-type"]).toBe("application/octet-stream");
  });

  it("answers a result without a body with no body and no Content-Type", async () => {
    const response = await fetch(harness.url("empty"));
    expect(response.status).toBe(304);
    expect(response.headers.get("content-type")).toBeNull();
    expect(response.headers.get("etag")).toBe('"x"');
  });

  it("answers 404 for an action it does not have", async () => {
    expect((await fetch(harness.url("nothing"))).status).toBe(404);
  });
});
