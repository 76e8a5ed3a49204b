// The runtime lives in @holonet/lambda-runtime; the services' tests import it from here.
export type { InvokeOutcome } from "@holonet/lambda-runtime/function-instance";
export { type BundleFunction, invokeOnce } from "@holonet/lambda-runtime/invoke-once";
export { invocationLog, reportLines } from "@holonet/lambda-runtime/report-lines";
