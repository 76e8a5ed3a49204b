import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import { FUNCTION_CONTRACTS } from "@holonet/contracts/functions";
import { ROUTES, routeKey } from "@holonet/contracts/routes";
import { describe, expect, it } from "vitest";
import { FUNCTION_NAMES, FUNCTIONS } from "../src/app-definition";

// The services' sample events are fixtures for their tests and for local invoke. These checks keep them
// true to what AWS sends: AWS's own published schema, and the rules API Gateway follows in building them.
const root = path.resolve(import.meta.dirname, "../..");

const samples = FUNCTION_NAMES.flatMap((service) => {
  const dir = path.join(root, FUNCTIONS[service].directory, "events");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file) => ({
      service,
      name: `${service}/events/${file}`,
      file,
      event: JSON.parse(readFileSync(path.join(dir, file), "utf8")),
    }));
});
const httpSamples = samples.filter((sample) => sample.file.startsWith("http-"));
const directSamples = samples.filter((sample) => sample.file.startsWith("direct-"));

describe("sample events", () => {
  it("exist for every service, named http-* or direct-*", () => {
    for (const service of FUNCTION_NAMES) {
      expect(
        httpSamples.some((s) => s.service === service),
        service,
      ).toBe(true);
      expect(
        directSamples.some((s) => s.service === service),
        service,
      ).toBe(true);
    }
    expect(httpSamples.length + directSamples.length).toBe(samples.length);
  });

  it.each(httpSamples)("$name matches AWS's APIGatewayProxyEventV2Schema", ({ event }) => {
    const result = APIGatewayProxyEventV2Schema.safeParse(event);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(httpSamples)("$name is built as API Gateway builds a format 2.0 event", ({ service, event }) => {
    expect(event.version).toBe("2.0");
    const route = ROUTES.find((r) => routeKey(r) === event.routeKey);
    expect(route?.function, `${event.routeKey} is not a route of ${service}`).toBe(service);
    expect(event.requestContext.routeKey).toBe(event.routeKey);
    expect(event.requestContext.http.method).toBe(route?.method);
    expect(event.requestContext.http.path).toBe(event.rawPath);
    for (const name of Object.keys(event.headers)) expect(name).toBe(name.toLowerCase());
    // Duplicate query keys are joined with commas; the raw string keeps them apart.
    const joined: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(event.rawQueryString)) {
      joined[key] = key in joined ? `${joined[key]},${value}` : value;
    }
    expect(event.queryStringParameters ?? {}).toEqual(joined);
    const parameterNames = [...(route?.path ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(Object.keys(event.pathParameters ?? {})).toEqual(parameterNames);
    expect(event.requestContext.timeEpoch).toBeGreaterThan(1.5e12);
  });

  it.each(directSamples)("$name is a valid direct input of its function", ({ service, event }) => {
    const result = FUNCTION_CONTRACTS[service].input.safeParse(event);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
