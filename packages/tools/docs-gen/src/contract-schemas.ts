import { FUNCTION_CONTRACTS, FUNCTION_NAMES } from "@holonet/contracts/functions";
import { ROUTES, routeKey } from "@holonet/contracts/routes";
import * as z from "zod";
import { GatewayError } from "./gateway-answers";
import { type JsonSchema, schemaId, TARGET } from "./json-schema";

/** One standalone JSON Schema file of docs/contracts, and what uses it. */
export interface ContractSchema {
  file: string;
  title: string;
  usedBy: string[];
  schema: JsonSchema;
}

const kebab = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/**
 * A self-contained JSON Schema: named schemas it needs go under `$defs`. Inputs are described as the
 * service accepts them (`io: "input"`: a plain object ignores unknown fields), outputs as it answers them.
 */
const standalone = (schema: z.core.$ZodType, io: "input" | "output", title: string): JsonSchema => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: TARGET, io }) as JsonSchema;
  return { $schema, title, ...rest };
};

/** Every contract as a JSON Schema: each direct invocation's input and output, then each HTTP body. */
export function contractSchemas(): ContractSchema[] {
  const direct = FUNCTION_NAMES.flatMap((name) =>
    (["input", "output"] as const).map((io) => ({
      file: `${name}.${io}.schema.json`,
      title: `${name} ${io}`,
      usedBy: [
        `direct invocation of ${name} (Lambda Invoke API), ${io === "input" ? "the event" : "the result"}`,
      ],
      schema: standalone(FUNCTION_CONTRACTS[name][io], io, `${name} ${io} (direct invocation)`),
    })),
  );

  // HTTP bodies by their schema's meta id, each once, with every route and status that carries it.
  const bodies = new Map<string, { schema: z.core.$ZodType; io: "input" | "output"; usedBy: string[] }>();
  const add = (schema: z.core.$ZodType, io: "input" | "output", use: string) => {
    const id = schemaId(schema);
    if (!id) throw new Error(`${use} has no meta id: give its schema .meta({ id }) in @holonet/contracts`);
    const entry = bodies.get(id) ?? { schema, io, usedBy: [] };
    entry.usedBy.push(use);
    bodies.set(id, entry);
  };
  for (const route of ROUTES) {
    if ("body" in route) add(route.body, "input", `${routeKey(route)} request body`);
    for (const [status, schema] of Object.entries(route.responses))
      if (schema) add(schema, "output", `${routeKey(route)} ${status}`);
  }
  add(GatewayError, "output", "API Gateway's own answers (404, 413, 429, 500, 503) on every route");

  const http = [...bodies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, { schema, io, usedBy }]) => ({
      file: `${kebab(id)}.schema.json`,
      title: id,
      usedBy,
      schema: standalone(schema, io, `${id} (HTTP body)`),
    }));
  return [...direct, ...http];
}
