import * as z from "zod";
import { wellFormedText } from "./text";

/** The one error body every Holonet function answers with, on every route, for every status. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/)
        .describe("Stable, machine-readable code, e.g. VALIDATION_FAILED or NOT_FOUND.")
        .meta({ examples: ["VALIDATION_FAILED"] }),
      message: wellFormedText("What went wrong, for a person to read."),
      details: z
        .array(
          z.object({
            path: wellFormedText("Where in the request, e.g. body.quote or query.limit."),
            message: wellFormedText("What is wrong with it."),
          }),
        )
        .optional()
        .describe("One entry per offending field, when the request failed validation."),
    }),
  })
  .describe("Error body")
  .meta({ id: "ErrorBody" });
export type ErrorBody = z.infer<typeof ErrorBody>;
