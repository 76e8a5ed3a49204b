import { GATEWAY_ANSWERS } from "./gateway-answers";
import type { JsonSchema } from "./json-schema";
import { code, headingAnchor, markdownDocument, markdownTable } from "./markdown";
import type { OpenApiDocument } from "./openapi-document";
import { componentResolver, limitsText, schemaTables, typeText } from "./schema-tables";

/** A description as a sentence: with its full stop, never two. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface Response {
  description: string;
  headers?: Record<string, { description: string }>;
  content?: Record<string, { schema: JsonSchema }>;
}

interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters: Parameter[];
  requestBody?: { description: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, Response>;
}

/** docs/api/README.md: the OpenAPI document, for people. */
export function apiReadme(document: OpenApiDocument): string {
  const components = document.components.schemas as Record<string, JsonSchema>;
  const resolve = componentResolver(components);
  const bodyText = (schema: JsonSchema) =>
    typeText(schema, resolve)
      .split(" or ")
      .map((name) => (components[name] ? `[${name}](${headingAnchor(name)})` : name))
      .join(" or ");
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({
      title: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

  const routeTable = markdownTable(
    ["route", "function", "summary"],
    operations.map(({ title, operation }) => [
      `[${code(title)}](${headingAnchor(title)})`,
      operation.tags.join(", "),
      operation.summary,
    ]),
  );

  const routeSections = operations.map(({ title, operation }) => {
    const blocks = [`## ${code(title)}`, operation.summary, operation.description];
    if (operation.parameters.length > 0)
      blocks.push(
        "Parameters:",
        markdownTable(
          ["name", "in", "required", "type", "limits", "description"],
          operation.parameters.map((p) => [
            code(p.name),
            p.in,
            p.required ? "yes" : "no",
            typeText(p.schema, resolve),
            limitsText(p.schema, resolve),
            p.description ?? "",
          ]),
        ),
      );
    if (operation.requestBody)
      blocks.push(
        `Request body (${code("application/json")}, required): ${bodyText(operation.requestBody.content["application/json"]?.schema ?? {})}. ${operation.requestBody.description}`,
      );
    blocks.push(
      "Responses:",
      markdownTable(
        ["status", "body", "headers", "description"],
        Object.entries(operation.responses).map(([status, response]) => [
          status,
          response.content ? bodyText(response.content["application/json"]?.schema ?? {}) : "none",
          Object.keys(response.headers ?? {})
            .map(code)
            .join(", "),
          response.description,
        ]),
      ),
    );
    return blocks.join("\n\n");
  });

  const schemaSections = Object.entries(components).map(
    ([name, schema]) =>
      `### ${name}\n\n${typeof schema.description === "string" ? `${sentence(schema.description)}\n\n` : ""}${schemaTables(schema, resolve)}`,
  );

  return markdownDocument([
    `# ${document.info.title}`,
    `${document.info.description} The machine-readable reference is [openapi.json](openapi.json) (OpenAPI 3.1); each body's JSON Schema is also in [docs/contracts](../contracts).`,
    "## Servers",
    markdownTable(
      ["base URL", "where"],
      document.servers.map((server) => [
        code(server.url),
        [
          server.description,
          ...Object.entries(server.variables ?? {}).map(
            ([name, variable]) => `${code(`{${name}}`)}: ${variable.description}`,
          ),
        ].join(" "),
      ]),
    ),
    "## Routes",
    routeTable,
    `Every route can also get API Gateway's own answers, which never reach a function: ${GATEWAY_ANSWERS.map((answer) => answer.status).join(", ")}, each with a body \`{"message": "..."}\` ([GatewayError](${headingAnchor("GatewayError")})).`,
    ...routeSections,
    "## Schemas",
    ...schemaSections,
  ]);
}
