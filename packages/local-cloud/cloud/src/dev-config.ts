import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { STAGES } from "@holonet/infra/app-definition";
import * as z from "zod";

/**
 * `.holonet/dev.json`: where the running local cloud answers, for scripts, tests and the deploy tooling
 * (AWS_ENDPOINT_URL_LAMBDA=$(jq -r .lambda .holonet/dev.json), say).
 */
export const DevConfig = z.object({
  api: z.url().describe("The HTTP API (API Gateway)."),
  web: z.url().describe("The website (the web bucket's website endpoint)."),
  s3: z.url().describe("The S3 API."),
  lambda: z.url().describe("The Lambda REST API."),
  cloudformation: z
    .url()
    .describe("CloudFormation's API for the stage stacks: their outputs, change sets, events, deletion."),
  logs: z
    .url()
    .describe("The CloudWatch Logs API: the functions' log groups (FilterLogEvents, GetLogEvents, ...)."),
  dashboard: z
    .url()
    .describe(
      "The live dashboard: metrics, recent invocations with logs and traces, versions, buckets, cost.",
    ),
  stages: z
    .record(
      z.enum(STAGES),
      z.object({
        api: z.url().describe("The stage's HTTP API."),
        web: z.url().describe("The stage's website."),
      }),
    )
    .describe(
      "Every stage's HTTP API and website, dev's included. ci and prod serve what deploys put there: pnpm run deploy <service> --stage ci|prod.",
    ),
  functions: z
    .record(z.string(), z.object({ name: z.string(), alias: z.string() }))
    .describe("Per service: its Lambda function name and the alias the API invokes."),
});
export type DevConfig = z.infer<typeof DevConfig>;

export const devConfigPath = (dataDir: string) => path.join(dataDir, "dev.json");

export function writeDevConfig(dataDir: string, config: DevConfig): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(devConfigPath(dataDir), `${JSON.stringify(config, null, 2)}\n`);
}

export function readDevConfig(dataDir: string): DevConfig {
  return DevConfig.parse(JSON.parse(readFileSync(devConfigPath(dataDir), "utf8")));
}
