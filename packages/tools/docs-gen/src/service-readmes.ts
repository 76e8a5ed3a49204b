import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROUTES, routeKey } from "@holonet/contracts/routes";
import { FUNCTIONS, type FunctionName } from "@holonet/infra/app-definition";
import type { ContractSchema } from "./contract-schemas";
import type { JsonSchema } from "./json-schema";
import { code } from "./markdown";
import { type Resolve, schemaTables } from "./schema-tables";

/** `<!-- generated:name -->` ... `<!-- /generated:name -->`: what `pnpm run docs` rewrites; the rest is hand-written. */
export function replaceBlock(text: string, name: string, content: string, file: string): string {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from)
    throw new Error(`${file}: no ${start} ... ${end} block for pnpm run docs to fill`);
  return `${text.slice(0, from + start.length)}\n\n${content}\n\n${text.slice(to)}`;
}

const defsResolver =
  (schema: JsonSchema): Resolve =>
  (ref) => {
    const name = ref.replace("#/$defs/", "");
    const target = (schema.$defs as Record<string, JsonSchema> | undefined)?.[name];
    return target && { name, schema: target };
  };

const tablesOf = (contract: ContractSchema) => schemaTables(contract.schema, defsResolver(contract.schema));

/** The service's contract: direct invocation in and out, then its routes, from the generated JSON Schemas. */
export function contractBlock(service: FunctionName, contracts: ContractSchema[]): string {
  const byFile = (file: string) => {
    const contract = contracts.find((c) => c.file === file);
    if (!contract) throw new Error(`no contract schema ${file}`);
    return contract;
  };
  const link = (file: string) => `[${file}](../../docs/contracts/${file})`;
  const routes = ROUTES.filter((route) => route.function === service).map((route) => {
    const statuses = Object.keys(route.responses).map(code).join(", ");
    return `- ${code(routeKey(route))}: ${route.summary} Answers ${statuses}.`;
  });
  return [
    `Direct invocation input (${link(`${service}.input.schema.json`)}):`,
    tablesOf(byFile(`${service}.input.schema.json`)),
    `Direct invocation output (${link(`${service}.output.schema.json`)}):`,
    tablesOf(byFile(`${service}.output.schema.json`)),
    "HTTP API routes (bodies, parameters and headers in [docs/api](../../docs/api/README.md)):",
    routes.join("\n"),
  ].join("\n\n");
}

/** One line per sample event, read from the event itself. */
function eventLine(file: string, event: Record<string, unknown>): string {
  if (event.version === "2.0") {
    const http = (event.requestContext as { http: { method: string } }).http;
    const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
    const body =
      typeof event.body === "string"
        ? ` with a ${event.body.length}-character body${event.isBase64Encoded ? " (base64)" : ""}`
        : "";
    return `- ${code(`events/${file}`)}: HTTP API event (payload format 2.0), ${code(`${http.method} ${event.rawPath}${query}`)}${body}`;
  }
  const json = JSON.stringify(event);
  return `- ${code(`events/${file}`)}: direct invocation, ${code(json.length > 60 ? `${json.slice(0, 57)}...` : json)}`;
}

export function eventsBlock(root: string, service: FunctionName): string {
  const dir = path.join(root, FUNCTIONS[service].directory, "events");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => eventLine(file, JSON.parse(readFileSync(path.join(dir, file), "utf8"))))
    .join("\n");
}

/** The service's README with its generated blocks rewritten. */
export function serviceReadme(root: string, service: FunctionName, contracts: ContractSchema[]): string {
  const file = path.join(FUNCTIONS[service].directory, "README.md");
  const text = readFileSync(path.join(root, file), "utf8");
  const withContract = replaceBlock(text, "contract", contractBlock(service, contracts), file);
  return replaceBlock(withContract, "events", eventsBlock(root, service), file);
}
