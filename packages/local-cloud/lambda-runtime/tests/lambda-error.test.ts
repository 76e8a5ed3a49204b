import { describe, expect, it } from "vitest";
import { exitError, toLambdaError } from "../src/lambda-error";

// 3.x src/Errors.js (toRapidResponse) takes anything shaped like an error; 4.x src/utils/error.ts (formatError)
// only instances of Error.
describe("toLambdaError reports a failure as each runtime's client does", () => {
  const errorShaped = {
    name: "Custom",
    message: "shaped like an error",
    stack: "Custom: shaped like an error",
  };

  it("takes an error-shaped object as an error on nodejs22.x", () => {
    expect(toLambdaError(errorShaped, "error-like")).toEqual({
      errorType: "Custom",
      errorMessage: "shaped like an error",
      trace: ["Custom: shaped like an error"],
    });
  });

  it("takes it as a plain object on nodejs24.x", () => {
    expect(toLambdaError(errorShaped, "instances")).toEqual({
      errorType: "object",
      errorMessage: "[object Object]",
      trace: [],
    });
  });

  it("reports an Error subclass by its name", () => {
    class QuoteNotFound extends Error {
      override name = "QuoteNotFound";
    }
    expect(toLambdaError(new QuoteNotFound("no quote"))).toMatchObject({
      errorType: "QuoteNotFound",
      errorMessage: "no quote",
    });
  });
});

describe("exitError words a process's end as Lambda does", () => {
  it("gives the exit status of a process that exits with one", () => {
    expect(exitError("r-1", "exit status 3")).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: "RequestId: r-1 Error: Runtime exited with error: exit status 3",
    });
  });

  // "Error: Runtime exited without providing a reason Runtime.ExitError", as Lambda logs it (MatteoGioioso/lambda-flame#3).
  it("says no reason was given for a clean exit", () => {
    expect(exitError("r-1", "exit status 0").errorMessage).toBe(
      "RequestId: r-1 Error: Runtime exited without providing a reason",
    );
  });

  // adobe/helix-html2md-service#1001 quotes Lambda's answer for a Node.js function out of memory.
  it("reports a process whose heap ran out as Runtime.OutOfMemory, killed", () => {
    const logs = "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";
    expect(exitError("r-1", "signal: aborted", logs)).toEqual({
      errorType: "Runtime.OutOfMemory",
      errorMessage: "RequestId: r-1 Error: Runtime exited with error: signal: killed",
    });
  });
});
