import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FirebaseHarness, startFirebaseHarness } from "../src/firebase-harness";

let harness: FirebaseHarness;

beforeAll(async () => {
  harness = await startFirebaseHarness({
    echo: (req, res) => {
      const rawBody = (req as IncomingMessage & { rawBody?: Buffer }).rawBody;
      res.json({ url: req.url, rawBody: rawBody?.toString("utf8") ?? null });
    },
  });
});
afterAll(() => harness.close());

describe("the Firebase harness", () => {
  it("drops the /<project>/<region>/<function> prefix and keeps the raw body", async () => {
    const response = await fetch(`${harness.url("echo")}/quotes?limit=2`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"quote":"Hm."}',
    });
    expect(await response.json()).toEqual({ url: "/quotes?limit=2", rawBody: '{"quote":"Hm."}' });
  });

  it("serves the function's root as /", async () => {
    expect(await (await fetch(`${harness.url("echo")}?a=1`)).json()).toMatchObject({ url: "/?a=1" });
  });

  it("lets the JSON parser refuse malformed JSON before the function, as the emulator does", async () => {
    const response = await fetch(harness.url("echo"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(response.status).toBe(400);
  });

  it("answers 404 for a function it does not have", async () => {
    expect((await fetch(harness.url("nothing"))).status).toBe(404);
  });
});
