import { ErrorBody } from "@holonet/contracts/error-body";
import { ROUTES, type Route, routeKey } from "@holonet/contracts/routes";
import { FUNCTIONS } from "@holonet/infra/app-definition";
import { DEFAULT_PORTS } from "@holonet/local-cloud/endpoint-ports";
import type * as z from "zod";
import { GATEWAY_ANSWERS, GatewayError } from "./gateway-answers";
import { COMPONENTS_PREFIX, type JsonSchema, namedSchemas, reachableIds, refTo } from "./json-schema";
import { type HeaderDoc, REQUEST_HEADERS, RESPONSE_HEADERS } from "./response-headers";

/** HTTP's reason phrases for the statuses the API answers. */
export const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  304: "Not Modified",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** `GET /quotes/{id}` -> `getQuotesById`. */
export const operationId = (route: Pick<Route, "method" | "path">) =>
  route.method.toLowerCase() +
  route.path
    .split("/")
    .filter(Boolean)
    .map((part) => {
      const name = part.replace(/^\{(.*)\}$/, "$1");
      const word = name.charAt(0).toUpperCase() + name.slice(1);
      return part.startsWith("{") ? `By${word}` : word;
    })
    .join("");

/** One parameter per property of a route's path or query schema, its schema taken from the component. */
function parameters(
  schema: z.core.$ZodObject | undefined,
  location: "path" | "query",
  where: string,
  components: Record<string, JsonSchema>,
) {
  if (!schema) return [];
  const ref = refTo(schema, where).$ref as string;
  const component = components[ref.slice(COMPONENTS_PREFIX.length)] as {
    properties: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(component.properties).map(([name, { description, ...property }]) => {
    // A parameter that is a named schema and nothing more reads its description from that schema.
    const target =
      typeof property.$ref === "string"
        ? components[property.$ref.slice(COMPONENTS_PREFIX.length)]
        : undefined;
    const text = description ?? target?.description;
    return {
      name,
      in: location,
      required: location === "path" || (component.required ?? []).includes(name),
      ...(typeof text === "string" && { description: text }),
      schema: property,
    };
  });
}

const headerParameter = (header: HeaderDoc) => ({
  name: header.name,
  in: "header",
  required: false,
  description: header.description,
  schema: { type: "string" },
  example: header.example,
});

const responseHeaders = (headers: HeaderDoc[] | undefined) =>
  headers && {
    headers: Object.fromEntries(
      headers.map((header) => [
        header.name,
        {
          description: header.description,
          required: true,
          schema: { type: "string" },
          example: header.example,
        },
      ]),
    ),
  };

/**
 * One response per status: the function's own (from the route table) and API Gateway's (on every route),
 * and where both can answer the same status, either body.
 */
function responses(route: Route) {
  const key = routeKey(route);
  // lambda-kit's error model answers any unexpected failure with a 500 ErrorBody that shows only the
  // request id, on every route, though the route table lists only the statuses a route means to answer.
  const functionAnswers: Record<number, z.core.$ZodType | null> = { 500: ErrorBody, ...route.responses };
  const gateway = new Map(GATEWAY_ANSWERS.map((answer) => [answer.status, answer]));
  const statuses = [...new Set([...Object.keys(functionAnswers).map(Number), ...gateway.keys()])].sort(
    (a, b) => a - b,
  );
  return Object.fromEntries(
    statuses.map((status) => {
      const functionBody = functionAnswers[status];
      const fromGateway = gateway.get(status);
      const bodies = [
        ...(functionBody ? [refTo(functionBody, `${key} ${status}`)] : []),
        ...(fromGateway ? [refTo(GatewayError, "GatewayError")] : []),
      ];
      const reason = REASONS[status] ?? String(status);
      const description = fromGateway
        ? `${reason}. ${functionBody !== undefined ? `From ${route.function}, or from` : "From"} API Gateway itself when ${fromGateway.when}.`
        : reason;
      const schema = bodies.length === 1 ? bodies[0] : { anyOf: bodies };
      const content = bodies.length > 0 && {
        content: {
          "application/json": {
            schema,
            ...(fromGateway && {
              examples: {
                "api-gateway": {
                  summary: "API Gateway's own answer",
                  value: { message: fromGateway.message },
                },
              },
            }),
          },
        },
      };
      return [
        String(status),
        { description, ...responseHeaders(RESPONSE_HEADERS[key]?.[status]), ...content },
      ];
    }),
  );
}

function operation(route: Route, components: Record<string, JsonSchema>) {
  const key = routeKey(route);
  return {
    operationId: operationId(route),
    summary: route.summary,
    description: `Served by the ${route.function} function, invoked through the stage's alias: ${FUNCTIONS[route.function].description}`,
    tags: [route.function],
    parameters: [
      ...parameters(route.pathParameters, "path", `${key} path parameters`, components),
      ...parameters(route.query, "query", `${key} query`, components),
      ...(REQUEST_HEADERS[key] ?? []).map(headerParameter),
    ],
    ...(route.body && {
      requestBody: {
        required: true,
        description: "JSON only: any other Content-Type is answered with 415.",
        content: { "application/json": { schema: refTo(route.body, `${key} body`) } },
      },
    }),
    responses: responses(route),
  };
}

interface Server {
  url: string;
  description: string;
  variables?: Record<string, { default: string; description: string }>;
}

/**
 * Where a client calls the API: the local cloud on its default port, then the stage's HTTP API on AWS,
 * whose `$default` stage has no stage in its paths (the stack's ApiUrl output is this URL, filled in).
 */
export const SERVERS: Server[] = [
  {
    url: `http://127.0.0.1:${DEFAULT_PORTS.api}`,
    description:
      "The local cloud (`pnpm dev`), on its default port: `.holonet/dev.json` names the URL of a cloud started on another.",
  },
  {
    url: "https://{apiId}.execute-api.{region}.amazonaws.com",
    description:
      "A stage's HTTP API on AWS: its stack's ApiUrl output (`pnpm deploy:stack --stage <stage>` prints it).",
    variables: {
      apiId: { default: "a1b2c3d4e5", description: "The HTTP API's id, which AWS assigns." },
      region: { default: "us-east-1", description: "The AWS region the stack is deployed in." },
    },
  },
];

/** The OpenAPI 3.1 document of the HTTP API, from the route table and the zod contracts. */
export function openApiDocument(routes: readonly Route[] = ROUTES) {
  const components = namedSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route, components);
  }
  const used = reachableIds(paths, components);
  return {
    openapi: "3.1.0",
    info: {
      title: "Holonet HTTP API",
      version: "1.0.0",
      description:
        "Star Wars quotes for a Jedi, and a store of saved quotes. Generated from the route table and the zod contracts in packages/runtime/contracts by `pnpm run docs`; do not edit.",
    },
    servers: SERVERS,
    tags: [...new Set(routes.map((route) => route.function))].map((name) => ({
      name,
      description: FUNCTIONS[name].description,
    })),
    paths,
    components: { schemas: Object.fromEntries(used.map((id) => [id, components[id]])) },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
