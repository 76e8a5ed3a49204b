import { wellFormedText } from "./text";
import * as z from "./zod";

/** The one error body every Holonet function answers with, on every route, for every status. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .check(
          z.regex(/^[A-Z][A-Z0-9_]*$/),
          z.describe("Stable, machine-readable code, e.g. VALIDATION_FAILED or NOT_FOUND."),
          z.meta({ examples: ["VALIDATION_FAILED"] }),
        ),
      message: wellFormedText("What went wrong, for a person to read."),
      details: z
        .optional(
          z.array(
            z.object({
              path: wellFormedText("Where in the request, e.g. body.quote or query.limit."),
              message: wellFormedText("What is wrong with it."),
            }),
          ),
        )
        .check(z.describe("One entry per offending field, when the request failed validation.")),
    }),
  })
  .check(z.describe("Error body"), z.meta({ id: "ErrorBody" }));
export type ErrorBody = z.infer<typeof ErrorBody>;
