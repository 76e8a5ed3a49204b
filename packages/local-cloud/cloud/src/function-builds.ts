import path from "node:path";
import { LambdaBuildError, type LambdaContext, lambdaContext } from "@holonet/bundle-config/lambda-context";
import { BuildError, throwBuildFailures } from "@holonet/cli-support/build-services";
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName } from "@holonet/infra/app-definition";
import { RUNNER_BUNDLE, RUNNER_PACKAGE_DIR } from "@holonet/lambda-runtime/runner-bundle";

/**
 * pnpm dev's builds of the function bundles and of the runner every instance starts: one esbuild context
 * each, kept for the whole run, so that a save costs an incremental rebuild in this process instead of a
 * turbo and a tsup process (docs/decisions/0014). The bytes are pnpm build's: @holonet/bundle-config's test
 * compares them with tsup's.
 */
export interface FunctionBuilds {
  /** Builds the service's dist/handler.mjs; a failure is a BuildError and leaves the last bundle in place. */
  build(service: FunctionName): Promise<void>;
  /** The runner and every function, at once, except those whose bundle came from the files as they are. */
  buildAll(): Promise<void>;
  dispose(): Promise<void>;
}

type Target = FunctionName | "runner";

const TARGETS: Record<Target, { packageName: string; directory: (root: string) => string }> = {
  runner: { packageName: "@holonet/lambda-runtime", directory: () => RUNNER_PACKAGE_DIR },
  ...(Object.fromEntries(
    FUNCTION_NAMES.map((service) => [
      service,
      {
        packageName: FUNCTIONS[service].packageName,
        directory: (root: string) => path.join(root, FUNCTIONS[service].directory),
      },
    ]),
  ) as Record<FunctionName, { packageName: string; directory: (root: string) => string }>),
};

export async function functionBuilds(root: string): Promise<FunctionBuilds> {
  const targets = Object.keys(TARGETS) as Target[];
  const contexts = new Map<Target, LambdaContext>(
    await Promise.all(
      targets.map(
        async (target) =>
          [
            target,
            await lambdaContext(TARGETS[target].directory(root), {
              root,
              ...(target === "runner" && { bundle: RUNNER_BUNDLE }),
            }),
          ] as const,
      ),
    ),
  );
  const run = async (target: Target, step: (context: LambdaContext) => Promise<unknown>) => {
    const context = contexts.get(target);
    try {
      if (context) await step(context);
    } catch (error) {
      if (!(error instanceof LambdaBuildError)) throw error;
      throw new BuildError(error.lines, error.message, `esbuild failed on ${TARGETS[target].packageName}`);
    }
  };
  return {
    build: (service) => run(service, (context) => context.rebuild()),
    async buildAll() {
      const outcomes = await Promise.allSettled(
        targets.map((target) => run(target, (context) => context.buildIfChanged())),
      );
      throwBuildFailures(outcomes, "esbuild failed");
    },
    async dispose() {
      await Promise.all([...contexts.values()].map((context) => context.dispose()));
    },
  };
}
