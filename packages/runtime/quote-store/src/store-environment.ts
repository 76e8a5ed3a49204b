import * as z from "zod";

/** The configuration of a function that reads or writes saved quotes, from its environment. */
export const StoreEnvironment = z.object({
  DATA_BUCKET: z.string().min(3).describe("The data bucket's name."),
  LOG_LEVEL: z.string().optional().describe("debug, info, warn or error; info when absent."),
});
