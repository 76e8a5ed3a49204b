import { LambdaClient } from "@aws-sdk/client-lambda";
import { type FunctionName, functionName, type Stage, stageAlias } from "@holonet/infra/app-definition";
import { stackName } from "@holonet/infra/stack-names";
import { kb, say } from "./cli-output";
import { promoteFunction, readPromotionSource } from "./promote-function";
import { planFunction } from "./publish-function";
import { describeStep } from "./publish-plan";
import { releaseSummary } from "./release-summary";
import { readSmokeEvent } from "./smoke-test";
import { stackFunctionSpec } from "./stack-function-spec";
import { cloudFormationClient, readStackOutputs } from "./stack-outputs";

/**
 * pnpm run promote: moves the `to` stage onto exactly the code the `from` stage tested, published again with
 * the `to` stage's configuration (its role, its bucket), so the new version has the same CodeSha256.
 */
export async function promoteCommand(
  root: string,
  service: FunctionName,
  stages: { from: Stage; to: Stage },
  dryRun: boolean,
): Promise<number> {
  const started = performance.now();
  const [from, to] = [stageAlias(stages.from), stageAlias(stages.to)];
  const lambda = new LambdaClient({});
  try {
    const source = await readPromotionSource(lambda, functionName(service), from);
    say(
      `${source.name}:${from} serves version ${source.version}, made for ${from} by a deploy and live after its smoke test`,
    );
    say(`downloaded its code: ${kb(source.zip.length)}, CodeSha256 ${source.codeSha256} (checked)`);
    const spec = stackFunctionSpec(
      service,
      stages.to,
      await readStackOutputs(cloudFormationClient(), stackName(stages.to)),
    );
    if (dryRun) {
      const { steps } = await planFunction(lambda, spec, source.zip, to);
      console.log(
        steps.length
          ? `Plan (nothing is changed): ${from} version ${source.version}'s code with ${to}'s configuration`
          : `Plan: nothing to publish; ${spec.name}:${to} already serves this code with ${to}'s configuration.`,
      );
      for (const step of steps) say(describeStep(step, spec, to));
      return 0;
    }
    const outcome = await promoteFunction(lambda, source, spec, {
      alias: to,
      smokeEvent: readSmokeEvent(root, service),
      onStep: say,
    });
    console.log(
      releaseSummary("promotion", spec.name, to, outcome, {
        seconds: (performance.now() - started) / 1000,
        // The published CodeSha256 is the downloaded zip's, which was checked against the source version's.
        extra: [
          `from      ${from} version ${source.version}, CodeSha256 ${source.codeSha256} (the same code)`,
        ],
      }),
    );
    return outcome.rolledBack ? 1 : 0;
  } finally {
    lambda.destroy();
  }
}
