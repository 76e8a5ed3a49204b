import { describe, expect, it } from "vitest";
import type { Fetch } from "../src/api-client";
import { loadSiteConfig } from "../src/site-config";

const URL_OF_CONFIG = "http://127.0.0.1:4570/site/config.json";
const answer =
  (response: () => Response | Promise<Response>): Fetch =>
  async () =>
    response();

describe("loadSiteConfig", () => {
  it("reads the API's URL from config.json, asking past the cache", async () => {
    let asked: RequestInit | undefined;
    const fetch: Fetch = async (_url, init) => {
      asked = init;
      return new Response(JSON.stringify({ apiUrl: "http://127.0.0.1:4560" }));
    };
    expect(await loadSiteConfig(fetch, URL_OF_CONFIG)).toEqual({
      ok: true,
      value: { apiUrl: "http://127.0.0.1:4560" },
    });
    expect(asked?.cache).toBe("no-cache");
  });

  it.each([
    ["missing", () => new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 })],
    ["not JSON", () => new Response("apiUrl=http://127.0.0.1")],
    ["without apiUrl", () => new Response("{}")],
    ["with an apiUrl that is not http(s)", () => new Response('{"apiUrl": "ftp://127.0.0.1"}')],
  ])("says what is wrong when config.json is %s", async (_case, response) => {
    const result = await loadSiteConfig(answer(response), URL_OF_CONFIG);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure.message).toContain("config.json");
  });

  it("says the settings could not be loaded when the network fails", async () => {
    const result = await loadSiteConfig(
      answer(() => Promise.reject(new TypeError("Failed to fetch"))),
      URL_OF_CONFIG,
    );
    expect(result).toEqual({
      ok: false,
      failure: { kind: "network", message: `Could not load the site's settings (${URL_OF_CONFIG}).` },
    });
  });
});
