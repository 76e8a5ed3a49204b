import type { JsonSchema } from "./json-schema";
import { COMPONENTS_PREFIX } from "./json-schema";
import { code, markdownTable } from "./markdown";

/** Finds a `$ref`'s target: a component of the OpenAPI document, or a `$defs` entry of a contract file. */
export type Resolve = (ref: string) => { name: string; schema: JsonSchema } | undefined;

export const componentResolver =
  (components: Record<string, JsonSchema>): Resolve =>
  (ref) => {
    const name = ref.replace(COMPONENTS_PREFIX, "").replace("#/$defs/", "");
    const schema = components[name];
    return schema && { name, schema };
  };

const isObject = (schema: JsonSchema) => schema.type === "object";

/** A short name for a schema's type: `string`, `array of SavedQuote`, `"true" or "false"`. */
export function typeText(schema: JsonSchema, resolve: Resolve): string {
  if (typeof schema.$ref === "string") {
    const target = resolve(schema.$ref);
    if (!target) return schema.$ref;
    return isObject(target.schema) ? target.name : `${target.name} (${typeText(target.schema, resolve)})`;
  }
  if (Array.isArray(schema.anyOf))
    return (schema.anyOf as JsonSchema[]).map((s) => typeText(s, resolve)).join(" or ");
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => code(JSON.stringify(value))).join(" or ");
  if (schema.type === "array") return `array of ${typeText((schema.items ?? {}) as JsonSchema, resolve)}`;
  if (typeof schema.format === "string") return `${String(schema.type)} (${schema.format})`;
  return typeof schema.type === "string" ? schema.type : "any";
}

/** A schema's limits in words: lengths, bounds and pattern (a format says more than its long pattern). */
export function limitsText(schema: JsonSchema, resolve: Resolve): string {
  if (typeof schema.$ref === "string") {
    const target = resolve(schema.$ref);
    return target && !isObject(target.schema) ? limitsText(target.schema, resolve) : "";
  }
  const limits: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    if (min !== undefined && max !== undefined) limits.push(`${min} to ${max}${unit}`);
    else if (min !== undefined) limits.push(`at least ${min}${min === 1 ? unit.replace(/s$/, "") : unit}`);
    else if (max !== undefined) limits.push(`at most ${max}${unit}`);
  };
  range(schema.minLength, schema.maxLength, " characters");
  range(schema.minimum, schema.maximum, "");
  range(schema.minItems, schema.maxItems, " items");
  if (typeof schema.pattern === "string" && schema.format === undefined)
    limits.push(`pattern ${code(schema.pattern)}`);
  return limits.join(", ");
}

const descriptionOf = (schema: JsonSchema, resolve: Resolve): string => {
  if (typeof schema.description === "string") return schema.description;
  const target = typeof schema.$ref === "string" ? resolve(schema.$ref) : undefined;
  return target && typeof target.schema.description === "string" ? target.schema.description : "";
};

/** One row per field; the fields of an inline object (or array of objects) follow as `outer.inner`. */
function fieldRows(schema: JsonSchema, resolve: Resolve, prefix: string): string[][] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const field = `${prefix}${name}`;
    const row = [
      code(field),
      typeText(property, resolve),
      required.has(name) ? "yes" : "no",
      limitsText(property, resolve),
      descriptionOf(property, resolve),
    ];
    const items = (property.items ?? {}) as JsonSchema;
    if (isObject(property)) return [row, ...fieldRows(property, resolve, `${field}.`)];
    if (property.type === "array" && isObject(items))
      return [row, ...fieldRows(items, resolve, `${field}[].`)];
    return [row];
  });
}

/** The fields of an object schema as a Markdown table: field, type, required, limits, description. */
export const fieldTable = (schema: JsonSchema, resolve: Resolve) =>
  markdownTable(["field", "type", "required", "limits", "description"], fieldRows(schema, resolve, ""));

/** An object schema's field table; the alternatives of a union, each with its own; a scalar in one line. */
export function schemaTables(schema: JsonSchema, resolve: Resolve): string {
  const target = typeof schema.$ref === "string" ? resolve(schema.$ref) : undefined;
  if (target) return schemaTables(target.schema, resolve);
  if (Array.isArray(schema.anyOf))
    return (schema.anyOf as JsonSchema[])
      .map((option, index) => {
        const named = typeof option.$ref === "string" ? resolve(option.$ref)?.name : undefined;
        return `Either ${index + 1}${named ? `, ${named}` : ""}:\n\n${schemaTables(option, resolve)}`;
      })
      .join("\n\n");
  if (isObject(schema)) {
    const extra = schema.additionalProperties === false ? "No other fields." : "Other fields are ignored.";
    return `${fieldTable(schema, resolve)}\n\n${extra}`;
  }
  return `${typeText(schema, resolve)}${limitsText(schema, resolve) ? `, ${limitsText(schema, resolve)}` : ""}`;
}
