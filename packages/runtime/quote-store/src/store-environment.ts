import * as z from "@holonet/contracts/zod";

/** The configuration of a function that reads or writes saved quotes, from its environment. */
export const StoreEnvironment = z.object({
  DATA_BUCKET: z.string().check(z.minLength(3), z.describe("The data bucket's name.")),
  LOG_LEVEL: z.optional(z.string()).check(z.describe("debug, info, warn or error; info when absent.")),
});
