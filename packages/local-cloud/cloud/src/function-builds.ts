import path from "node:path";
import { LambdaBuildError, type LambdaContext, lambdaContext } from "@holonet/bundle-config/lambda-context";
import { BuildError } from "@holonet/cli-support/build-services";
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName } from "@holonet/infra/app-definition";

/**
 * pnpm dev's builds of the function bundles: one esbuild context per service, kept for the whole run, so
 * that a save costs an incremental rebuild in this process instead of a turbo and a tsup process
 * (docs/decisions/0014). The bytes are pnpm build's: @holonet/bundle-config's test compares them.
 */
export interface FunctionBuilds {
  /** Builds the service's dist/handler.mjs; a failure is a BuildError and leaves the last bundle in place. */
  build(service: FunctionName): Promise<void>;
  /** Every function, at once, except those whose bundle came from the files as they are (as turbo's cache). */
  buildAll(): Promise<void>;
  dispose(): Promise<void>;
}

export async function functionBuilds(root: string): Promise<FunctionBuilds> {
  const contexts = new Map<FunctionName, LambdaContext>(
    await Promise.all(
      FUNCTION_NAMES.map(
        async (service) =>
          [service, await lambdaContext(path.join(root, FUNCTIONS[service].directory), { root })] as const,
      ),
    ),
  );
  const run = async (service: FunctionName, step: (context: LambdaContext) => Promise<unknown>) => {
    const context = contexts.get(service);
    try {
      if (context) await step(context);
    } catch (error) {
      if (!(error instanceof LambdaBuildError)) throw error;
      throw new BuildError(error.lines, error.message, `esbuild failed on ${FUNCTIONS[service].packageName}`);
    }
  };
  return {
    build: (service) => run(service, (context) => context.rebuild()),
    async buildAll() {
      const outcomes = await Promise.allSettled(
        FUNCTION_NAMES.map((service) => run(service, (context) => context.buildIfChanged())),
      );
      const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
      if (failures.length === 0) return;
      if (!failures.every((failure) => failure instanceof BuildError)) throw failures[0];
      const errors = failures as BuildError[];
      throw new BuildError(
        errors.flatMap((error) => error.summary),
        errors.map((error) => error.output).join("\n"),
        "esbuild failed",
      );
    },
    async dispose() {
      await Promise.all([...contexts.values()].map((context) => context.dispose()));
    },
  };
}
