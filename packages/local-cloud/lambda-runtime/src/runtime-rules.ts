/**
 * Which of AWS's runtime interface clients (aws/aws-lambda-nodejs-runtime-interface-client) an instance
 * behaves as. nodejs22.x runs its 3.x line (src/Runtime.js, src/CallbackContext.js): callback handlers,
 * context.succeed/fail/done and callbackWaitsForEmptyEventLoop. nodejs24.x runs its 4.x line
 * (src/runtime/*.ts, src/function/callback-deprecation.ts), which removed all of them.
 */
export interface RuntimeRules {
  /** Lambda's identifier, e.g. nodejs22.x. */
  runtime: string;
  /** Callback handlers and the callback half of the context (the 3.x client). */
  callbacks: boolean;
}

/** The rules of the runtime AWS_EXECUTION_ENV names (AWS_Lambda_nodejs24.x); nodejs22.x's when it names none. */
export function runtimeRules(executionEnv: string | undefined): RuntimeRules {
  const major = Number(/^AWS_Lambda_nodejs(\d+)\.x$/.exec(executionEnv ?? "")?.[1] ?? 22);
  return { runtime: `nodejs${major}.x`, callbacks: major < 24 };
}
