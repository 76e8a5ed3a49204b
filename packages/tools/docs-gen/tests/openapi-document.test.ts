import { ROUTES, routeKey } from "@holonet/contracts/routes";
import { LOGICAL_IDS } from "@holonet/infra/stack-names";
import { stackOutputs } from "@holonet/infra/stack-outputs";
import { DEFAULT_PORTS } from "@holonet/local-cloud/endpoint-ports";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { GATEWAY_ANSWERS } from "../src/gateway-answers";
import { openApiDocument } from "../src/openapi-document";

const document = openApiDocument();
type Operation = {
  parameters: { name: string; in: string; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
};
const operation = (method: string, path: string) =>
  (document.paths[path] as Record<string, Operation>)[method.toLowerCase()] as Operation;

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("tells clients where to call: first the local cloud on its default port, then AWS", () => {
    expect(document.servers.map((server) => server.url)).toEqual([
      `http://127.0.0.1:${DEFAULT_PORTS.api}`,
      "https://{apiId}.execute-api.{region}.amazonaws.com",
    ]);
    expect(document.servers[0]?.description).toMatch(/local cloud/);
  });

  it("declares every variable of a server's URL, each with a default, and no other", () => {
    for (const server of document.servers) {
      const used = [...server.url.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const variables = server.variables ?? {};
      expect(Object.keys(variables).sort(), server.url).toEqual(used.sort());
      for (const variable of Object.values(variables)) expect(variable.default).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it("gives AWS's URL as the stack's ApiUrl output holds it: the HTTP API's endpoint", () => {
    expect(stackOutputs().ApiUrl?.Value).toEqual({ "Fn::GetAtt": [LOGICAL_IDS.httpApi, "ApiEndpoint"] });
    expect(document.servers[1]?.description).toContain("ApiUrl");
  });

  it("has every route of the route table, with each status it answers", () => {
    for (const route of ROUTES) {
      const responses = operation(route.method, route.path).responses;
      for (const status of Object.keys(route.responses))
        expect(Object.keys(responses), routeKey(route)).toContain(status);
    }
  });

  it("gives every operation API Gateway's own answers, each {message}", () => {
    for (const route of ROUTES)
      for (const answer of GATEWAY_ANSWERS) {
        const response = operation(route.method, route.path).responses[String(answer.status)];
        expect(JSON.stringify(response?.content), `${routeKey(route)} ${answer.status}`).toContain(
          "#/components/schemas/GatewayError",
        );
      }
    expect(GATEWAY_ANSWERS.map((answer) => answer.status)).toEqual([404, 413, 429, 500, 503]);
  });

  it("documents the parameters with their patterns and enums", () => {
    expect(operation("GET", "/quote").parameters[0]).toMatchObject({
      name: "isJedi",
      in: "query",
      schema: { enum: ["true", "false"] },
    });
    expect(operation("GET", "/quotes").parameters[0]).toMatchObject({
      name: "limit",
      schema: { pattern: expect.any(String) },
    });
    expect(operation("GET", "/quotes/{id}").parameters[0]).toMatchObject({
      name: "id",
      in: "path",
      required: true,
    });
  });

  it("documents the JSON body, its 415, and the headers of 201, 200 and 304", () => {
    const save = operation("POST", "/quotes");
    expect(Object.keys(save.requestBody?.content ?? {})).toEqual(["application/json"]);
    expect(save.responses["415"]).toBeDefined();
    expect(Object.keys(save.responses["201"]?.headers ?? {})).toEqual(["Location"]);
    const one = operation("GET", "/quotes/{id}");
    expect(Object.keys(one.responses["200"]?.headers ?? {})).toEqual(["ETag", "Cache-Control"]);
    expect(one.responses["304"]?.content).toBeUndefined();
  });
});
