import * as z from "zod";

/** A JSON Schema, as z.toJSONSchema writes it. */
export type JsonSchema = { [key: string]: unknown };

/** OpenAPI 3.1 uses JSON Schema draft 2020-12, and so does every contract file. */
export const TARGET = "draft-2020-12" as const;

export const COMPONENTS_PREFIX = "#/components/schemas/";

/** The meta id a schema was registered with (`.meta({ id })`), if any. */
export const schemaId = (schema: z.core.$ZodType): string | undefined => {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === "string" ? id : undefined;
};

/**
 * Every named schema (one with a meta id), as OpenAPI components: each refers to the others by
 * `#/components/schemas/<id>`. `$id` and `$schema` are dropped: a fragment is no valid `$id`, and the
 * document's dialect is OpenAPI 3.1's own.
 */
export function namedSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: TARGET,
    uri: (id) => `${COMPONENTS_PREFIX}${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $id: _id, $schema: _schema, ...schema }]) => [id, schema]),
  );
}

/** The `$ref`s anywhere inside a value. */
export function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "$ref" && typeof item === "string" ? [item] : refsIn(item),
  );
}

/** The ids of the components `root` needs, directly or through other components, sorted. */
export function reachableIds(root: unknown, components: Record<string, JsonSchema>): string[] {
  const seen = new Set<string>();
  const visit = (value: unknown) => {
    for (const ref of refsIn(value)) {
      if (!ref.startsWith(COMPONENTS_PREFIX)) continue;
      const id = ref.slice(COMPONENTS_PREFIX.length);
      if (seen.has(id)) continue;
      seen.add(id);
      visit(components[id]);
    }
  };
  visit(root);
  return [...seen].sort();
}

/** A `$ref` to the schema's component. Route schemas must be named, so that the document names them too. */
export function refTo(schema: z.core.$ZodType, where: string): JsonSchema {
  const id = schemaId(schema);
  if (!id) throw new Error(`${where} has no meta id: give its schema .meta({ id }) in @holonet/contracts`);
  return { $ref: `${COMPONENTS_PREFIX}${id}` };
}
