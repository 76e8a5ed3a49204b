import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readS3State } from "./support/data-bucket";
import { sendRaw } from "./support/raw-http";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

const VALID_ID = "01JDQ2Z8X5M3N4P6R7S8T9V0W1";
const json = (body: Buffer): unknown => JSON.parse(body.toString("utf8"));
const postQuote = (api: string, body: string | Buffer, contentType = "application/json") =>
  sendRaw(api, { method: "POST", path: "/quotes", headers: { "content-type": contentType }, body });

describe("the API's limits", () => {
  let stack: TestCloud;
  beforeAll(async () => {
    stack = await startTestCloud({ throttling: NO_THROTTLING });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("refuses a body over the payload limit with the gateway's 413", async () => {
    const overLimit = Buffer.alloc(10 * 1024 * 1024 + 1, "a");
    const answer = await postQuote(stack.cloud.api, overLimit);
    expect(answer.status).toBe(413);
    expect(json(answer.body)).toEqual({ message: "Request Entity Too Large" });
  });

  // Under the HTTP API's 10 MB but over Lambda's 6 MB for a synchronous event: the Lambda API refuses the
  // invocation (RequestEntityTooLargeException), and "If the Lambda API rejects the invocation request, API
  // Gateway returns a 500 error code" (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
  // AWS publishes nothing more specific for an HTTP API; the log says why, as the access log would.
  it("answers a body the API takes but Lambda cannot (an event over 6 MB) with AWS's 500, saying why in the log", async () => {
    const body = JSON.stringify({ quote: "q".repeat(7 * 1024 * 1024) });
    const answer = await postQuote(stack.cloud.api, body);
    expect(answer.status).toBe(500);
    expect(json(answer.body)).toEqual({ message: "Internal Server Error" });
    expect(stack.recentLog()).toMatch(
      /api +\| POST \/quotes -> 500 \(Lambda refused the invocation: RequestEntityTooLargeException; /,
    );
  });

  it("refuses a quote over 1,000 characters with a 400 naming body.quote", async () => {
    const answer = await postQuote(stack.cloud.api, JSON.stringify({ quote: "q".repeat(1_001) }));
    expect(answer.status).toBe(400);
    expect(json(answer.body)).toMatchObject({
      error: { code: expect.any(String), details: [expect.objectContaining({ path: "body.quote" })] },
    });
  });

  it("refuses any content type other than JSON on POST /quotes with a 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      const answer = await postQuote(
        stack.cloud.api,
        JSON.stringify({ quote: "Valid JSON all the same." }),
        type,
      );
      expect(answer.status, type).toBe(415);
      expect(json(answer.body)).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  });

  it("answers 400 to every id that is not a ULID, and reads or writes nothing outside quotes/", async () => {
    const saved = await postQuote(stack.cloud.api, JSON.stringify({ quote: "The one honest write." }));
    expect(saved.status).toBe(201);
    const before = await readS3State(stack.cloud);

    const badIds = [
      "..",
      "%2e%2e",
      "..%2F..%2Fholonet-dev-web%2Findex.html",
      "%2e%2e%2f%2e%2e%2fsecret",
      "..%5C..%5Cwindows",
      `quotes%2F${VALID_ID}`,
      `${VALID_ID}%2F..`,
      VALID_ID.toLowerCase(),
      `${VALID_ID}0`,
      VALID_ID.slice(1),
      "8ZZZZZZZZZZZZZZZZZZZZZZZZZ",
      "%00",
      encodeURIComponent("01JDQ2Z8X5M3N4P6R7S8T9V0Wé"),
      "A".repeat(5_000),
    ];
    for (const id of badIds) {
      const answer = await sendRaw(stack.cloud.api, { method: "GET", path: `/quotes/${id}` });
      expect(answer.status, id.slice(0, 80)).toBe(400);
      expect(json(answer.body)).toMatchObject({ error: { code: expect.any(String) } });
      const asCursor = await sendRaw(stack.cloud.api, { method: "GET", path: `/quotes?cursor=${id}` });
      expect(asCursor.status, `cursor ${id.slice(0, 80)}`).toBe(400);
    }
    // A client cannot choose the key either: an id in the body is refused, not used.
    const withId = await postQuote(stack.cloud.api, JSON.stringify({ quote: "x", id: "../../escape" }));
    expect(withId.status).toBe(400);

    const after = await readS3State(stack.cloud);
    expect(after).toEqual(before);
    expect(after.dataKeys.length).toBeGreaterThan(0);
    for (const key of after.dataKeys) expect(key.startsWith("quotes/"), key).toBe(true);
  });
});

describe("the API's throttling", () => {
  let stack: TestCloud;
  beforeAll(async () => {
    // A burst of 3 and a refill far too slow to matter within the test.
    stack = await startTestCloud({ throttling: { rateLimit: 0.01, burstLimit: 3 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("answers 429 with the gateway's body once the burst is spent", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        sendRaw(stack.cloud.api, { method: "GET", path: "/quote?isJedi=true" }),
      ),
    );
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    expect(throttled).toHaveLength(7);
    for (const answer of throttled) expect(json(answer.body)).toEqual({ message: "Too Many Requests" });
  });
});
