import { ValidationError } from "@holonet/lambda-kit/errors";
import { jsonResponse } from "@holonet/lambda-kit/http-response";
import { createLogger } from "@holonet/lambda-kit/logger";
import type { ServiceApp } from "@holonet/lambda-kit/service-app";
import { describe, expect, it } from "vitest";
import { openWhiskWebAction } from "../src/openwhisk-adapter";

const logger = createLogger({ service: "test", write: () => {} });
const seen: unknown[] = [];
const echo: Pick<ServiceApp<unknown>, "http"> = {
  http: async (request) => {
    seen.push(request);
    if (request.query.fail === "validation")
      throw new ValidationError([{ path: "query.fail", message: "no" }]);
    if (request.query.fail === "crash") throw new Error("boom");
    return jsonResponse(201, { body: request.body?.toString("utf8") ?? null });
  },
};
const action = openWhiskWebAction({ service: "store-save", app: echo, logger }, () => ({
  __OW_ACTIVATION_ID: "0123456789abcdef0123456789abcdef",
}));
const post = (extra: Partial<Parameters<typeof action>[0]> = {}) =>
  action({
    __ow_method: "post",
    __ow_path: "/quotes",
    __ow_headers: { "content-type": "application/json" },
    __ow_query: "",
    __ow_body: "eyJuYW1lIjoiSmFuZSJ9",
    ...extra,
  });

describe("an OpenWhisk raw web action", () => {
  it("decodes the base64 JSON body and base64-encodes its JSON answer", async () => {
    const result = await post();
    expect(result.statusCode).toBe(201);
    expect(result.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(Buffer.from(result.body ?? "", "base64").toString("utf8"))).toEqual({
      body: '{"name":"Jane"}',
    });
  });

  it("hands the service the same request the Lambda side builds", async () => {
    seen.length = 0;
    await post({
      __ow_query: "a=1&a=2",
      __ow_headers: { "Content-Type": "application/json", "X-Trace": "t" },
    });
    expect(seen[0]).toMatchObject({
      routeKey: "POST /quotes",
      method: "POST",
      path: "/quotes",
      stage: "$default",
      requestId: "0123456789abcdef0123456789abcdef",
      query: { a: "1,2" },
      headers: { "content-type": "application/json", "x-trace": "t" },
      pathParameters: {},
    });
  });

  it("reads a text body as plain text", async () => {
    const result = await post({ __ow_headers: { "content-type": "text/plain" }, __ow_body: "Jane" });
    expect(JSON.parse(Buffer.from(result.body ?? "", "base64").toString("utf8"))).toEqual({ body: "Jane" });
  });

  it("answers through the error model: a refusal's own status, a crash's 500 naming the activation", async () => {
    const refused = await post({ __ow_query: "fail=validation" });
    expect(refused.statusCode).toBe(400);
    const crashed = await post({ __ow_query: "fail=crash" });
    expect(crashed.statusCode).toBe(500);
    expect(Buffer.from(crashed.body ?? "", "base64").toString("utf8")).toContain(
      "0123456789abcdef0123456789abcdef",
    );
  });

  it("answers a path the function has no route for with the gateway's 404", async () => {
    const result = await post({ __ow_path: "/elsewhere" });
    expect(result.statusCode).toBe(404);
    expect(Buffer.from(result.body ?? "", "base64").toString("utf8")).toBe('{"message":"Not Found"}');
  });
});
