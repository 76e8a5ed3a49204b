import { invalidParameter } from "./api-errors";
import { PutFunctionConcurrencyRequest, parseRequest } from "./api-requests";
import { requireFunction } from "./function-lookup";
import type { FunctionRef } from "./function-names";
import type { OperationsContext } from "./function-operations";

/**
 * Reserved concurrency is carved out of the account's limit. Lambda keeps 100 unreserved executions
 * for the other functions; with the local default of 100 in all that would forbid any reservation, so
 * locally the whole account limit may be reserved.
 */
export function putFunctionConcurrency(
  ctx: OperationsContext,
  ref: FunctionRef,
  body: unknown,
  accountConcurrency: number,
) {
  const request = parseRequest(PutFunctionConcurrencyRequest, body);
  const fn = requireFunction(ctx.store, ctx.region, ref);
  const reservedByOthers = ctx.store
    .list()
    .filter((other) => other.name !== fn.name)
    .reduce((sum, other) => sum + (other.reservedConcurrency ?? 0), 0);
  if (reservedByOthers + request.ReservedConcurrentExecutions > accountConcurrency) {
    throw invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [0].`,
    );
  }
  fn.reservedConcurrency = request.ReservedConcurrentExecutions;
  ctx.store.save(fn);
  return { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function getFunctionConcurrency(ctx: OperationsContext, ref: FunctionRef) {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function deleteFunctionConcurrency(ctx: OperationsContext, ref: FunctionRef): void {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  delete fn.reservedConcurrency;
  ctx.store.save(fn);
}
