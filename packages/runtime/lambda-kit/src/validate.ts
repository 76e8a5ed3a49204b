import * as z from "@holonet/contracts/zod";
import { ValidationError } from "./errors";

/**
 * Parses `value` with a contract, or throws a ValidationError naming every offending field.
 * `where` prefixes each path so the caller sees which part of the request was wrong: body.quote, query.limit.
 */
export function parseWith<T extends z.core.$ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].filter(Boolean).join("."),
      message: issue.message,
    })),
  );
}

/**
 * Reads a function's configuration from its environment, once per cold start. A missing or malformed
 * variable stops the function at init with a message naming it, instead of failing later per request.
 */
export function parseEnvironment<T extends z.core.$ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.output<T> {
  const result = z.safeParse(schema, env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new Error(`Invalid environment: ${problems}`);
}
