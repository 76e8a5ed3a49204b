import type { InvokeOutcome } from "./function-instance";
import { TIMEOUT_ERROR_TYPE } from "./lambda-error";

/** Lambda's START / END / REPORT lines for an invocation (tab-separated REPORT fields, as Lambda logs them). */
export function reportLines(fn: { functionVersion: string; memoryMb: number }, outcome: InvokeOutcome) {
  const { requestId, durationMs, initDurationMs, maxMemoryMb } = outcome;
  // Since August 2025 Lambda bills the init phase too.
  const billed = Math.ceil(durationMs + (initDurationMs ?? 0));
  const report = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billed} ms`,
    `Memory Size: ${fn.memoryMb} MB`,
    ...(maxMemoryMb !== undefined ? [`Max Memory Used: ${maxMemoryMb} MB`] : []),
    ...(initDurationMs !== undefined ? [`Init Duration: ${initDurationMs.toFixed(2)} ms`] : []),
    ...(outcome.error?.errorType === TIMEOUT_ERROR_TYPE ? ["Status: timeout"] : []),
  ].join("\t");
  return {
    start: `START RequestId: ${requestId} Version: ${fn.functionVersion}`,
    end: `END RequestId: ${requestId}`,
    report,
  };
}
