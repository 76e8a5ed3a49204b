import { mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { deployFunction } from "@holonet/lambda-deploy/deploy-function";
import { stackFunctionSpec } from "@holonet/lambda-deploy/stack-function-spec";
import { readStackOutputs } from "@holonet/lambda-deploy/stack-outputs";
import { localClientConfig } from "@holonet/local-cloud/local-cloud";
import { sdkEnvironment } from "@holonet/local-cloud/sdk-environment";
import { startBenchCloud } from "../bench-cloud";
import type { BenchContext } from "../bench-context";
import { type Figure, figure } from "../figures";
import { progress } from "../progress";
import { median, secondsList } from "../stats";
import { timeProcess } from "../timed-process";
import { pnpmFloor } from "./dev-loop";

const SECTION = "e. A local deploy of one service, end to end";

/**
 * e: `pnpm run deploy quote --stage dev` against the local cloud, as `eval "$(pnpm -s local-env)"` sets it
 * up: the build (cached), the zip, UpdateFunctionCode, PublishVersion, the alias, the smoke test. Before
 * each run another version goes out through the SDK, so that the deploy always has a change to ship.
 */
export async function deploySection(ctx: BenchContext, repo: string): Promise<Figure[]> {
  const { cloud, close } = await startBenchCloud(repo, ctx.tmp);
  const lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
  const cloudFormation = new CloudFormationClient(localClientConfig(cloud.cloudformation, cloud.credentials));
  try {
    const spec = stackFunctionSpec("quote", "dev", await readStackOutputs(cloudFormation, "holonet-dev"));
    const environment = {
      ...process.env,
      ...sdkEnvironment(cloud, cloud.credentials),
    };
    const otherVersion = async (run: number) => {
      const dir = mkdtempSync(path.join(ctx.tmp, "other-quote-"));
      writeFileSync(
        path.join(dir, "handler.mjs"),
        `export const handler = async () => ({ quote: "Other ${run}." });\n`,
      );
      await deployFunction(lambda, spec, zipDirectory(dir), { alias: "dev", smokeEvent: { isJedi: true } });
    };
    const deploy = async () => {
      const timed = await timeProcess("pnpm", ["run", "deploy", "quote", "--stage", "dev"], {
        cwd: repo,
        env: environment,
        until: "exit",
        timeoutMs: 120_000,
      });
      if (timed.code !== 0 || !timed.stdout.includes("Deployed: holonet-quote"))
        throw new Error(`The deploy failed (exit ${timed.code}):\n${timed.stdout}${timed.stderr}`);
      return timed.ms;
    };
    // Untimed: the first deploy may have to build.
    await otherVersion(0);
    await deploy();
    const times: number[] = [];
    for (let run = 1; run <= ctx.settings.deployRuns; run++) {
      progress(`deploy: run ${run} of ${ctx.settings.deployRuns}`);
      await otherVersion(run);
      times.push(await deploy());
    }
    const floor = await pnpmFloor(repo, 3);
    return [
      figure({
        section: SECTION,
        name: "pnpm run deploy quote --stage dev (build cached, zip, update, publish, alias, smoke test)",
        value: median(times) / 1000,
        unit: "s",
        baseline: "pnpm exec node -e 0 (pnpm's own start)",
        baselineValue: floor / 1000,
        goal: { text: "< 2 s", isMet: (value) => value < 2 },
        note: `${times.length} run(s): ${secondsList(times, 2)} s`,
      }),
    ];
  } finally {
    lambda.destroy();
    cloudFormation.destroy();
    await close();
  }
}
