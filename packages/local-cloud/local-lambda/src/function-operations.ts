import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { invalidParameter, resourceConflict } from "./api-errors";
import {
  CreateFunctionRequest,
  PublishVersionRequest,
  parseRequest,
  refuseReservedVariables,
  refuseRuntime,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from "./api-requests";
import { functionConfiguration, lastModifiedNow } from "./api-shapes";
import { checkRevision, decodeZip, page, requireFunction, resolveRef } from "./function-lookup";
import { type FunctionRef, isFunctionName, parseFunctionRef } from "./function-names";
import type { FunctionRecord, FunctionSettings, FunctionStore, VersionRecord } from "./function-store";

export interface OperationsContext {
  store: FunctionStore;
  region: string;
  /** GetFunction's Code.Location: a presigned URL from which a version's zip can be downloaded again. */
  codeLocation: (functionName: string, codeKey: string) => string;
  /** A version's code or configuration changed or went away: its instances must not serve again. */
  retire: (name: string, version?: string) => void;
}

export function createFunction(ctx: OperationsContext, body: unknown) {
  const request = parseRequest(CreateFunctionRequest, body);
  refuseRuntime(request.Runtime);
  refuseReservedVariables(request.Environment?.Variables);
  const { name } = parseFunctionRef(request.FunctionName);
  if (!isFunctionName(name)) throw invalidParameter(`Invalid function name: ${request.FunctionName}`);
  if (ctx.store.get(name)) throw resourceConflict(`Function already exist: ${name}`);
  const zip = decodeZip(request.Code.ZipFile, request.Code.S3Bucket !== undefined);
  const settings: FunctionSettings = {
    runtime: request.Runtime,
    role: request.Role,
    handler: request.Handler,
    description: request.Description ?? "",
    timeout: request.Timeout ?? 3,
    memorySize: request.MemorySize ?? 128,
    environment: request.Environment?.Variables ?? {},
    architectures: request.Architectures ?? ["x86_64"],
    ...(request.LoggingConfig?.LogGroup && { logGroup: request.LoggingConfig.LogGroup }),
    ...(request.TracingConfig?.Mode && { tracingMode: request.TracingConfig.Mode }),
  };
  const fn: FunctionRecord = {
    name,
    latest: { version: "$LATEST", settings, code: ctx.store.storeCode(name, zip), ...stamp() },
    versions: [],
    aliases: [],
    nextVersion: 1,
  };
  const published = request.Publish ? publish(fn) : undefined;
  ctx.store.save(fn);
  return functionConfiguration(ctx.region, fn, published ?? fn.latest);
}

export function getFunction(ctx: OperationsContext, ref: FunctionRef) {
  const { fn, record } = resolveRef(ctx.store, ctx.region, ref);
  return {
    Configuration: functionConfiguration(ctx.region, fn, record),
    Code: {
      RepositoryType: "S3",
      Location: ctx.codeLocation(fn.name, record.code.key),
    },
    ...(fn.reservedConcurrency !== undefined && {
      Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency },
    }),
    Tags: {},
  };
}

export function getFunctionConfiguration(ctx: OperationsContext, ref: FunctionRef) {
  const { fn, record } = resolveRef(ctx.store, ctx.region, ref);
  return functionConfiguration(ctx.region, fn, record);
}

export function listFunctions(ctx: OperationsContext, marker?: string, maxItems?: number) {
  const { slice, nextMarker } = page(ctx.store.list(), marker, maxItems);
  return {
    Functions: slice.map((fn) => functionConfiguration(ctx.region, fn, fn.latest)),
    ...(nextMarker && { NextMarker: nextMarker }),
  };
}

export function updateFunctionCode(ctx: OperationsContext, ref: FunctionRef, body: unknown) {
  const request = parseRequest(UpdateFunctionCodeRequest, body);
  const fn = requireFunction(ctx.store, ctx.region, ref);
  checkRevision(fn.latest.revisionId, request.RevisionId);
  // Lambda refuses a new package for a function on a blocked runtime, until its runtime is changed.
  refuseRuntime(fn.latest.settings.runtime);
  const zip = decodeZip(request.ZipFile, request.S3Bucket !== undefined);
  if (request.DryRun) return functionConfiguration(ctx.region, fn, fn.latest);
  const settings = request.Architectures
    ? { ...fn.latest.settings, architectures: request.Architectures }
    : fn.latest.settings;
  fn.latest = { ...fn.latest, settings, code: ctx.store.storeCode(fn.name, zip), ...stamp() };
  const published = request.Publish ? publish(fn) : undefined;
  ctx.store.save(fn);
  ctx.retire(fn.name, "$LATEST");
  return functionConfiguration(ctx.region, fn, published ?? fn.latest);
}

export function updateFunctionConfiguration(ctx: OperationsContext, ref: FunctionRef, body: unknown) {
  const request = parseRequest(UpdateFunctionConfigurationRequest, body);
  refuseReservedVariables(request.Environment?.Variables);
  const fn = requireFunction(ctx.store, ctx.region, ref);
  checkRevision(fn.latest.revisionId, request.RevisionId);
  const current = fn.latest.settings;
  // The runtime the function will have: an update that moves it off a blocked runtime is let through.
  refuseRuntime(request.Runtime ?? current.runtime);
  const settings: FunctionSettings = {
    ...current,
    runtime: request.Runtime ?? current.runtime,
    role: request.Role ?? current.role,
    handler: request.Handler ?? current.handler,
    description: request.Description ?? current.description,
    timeout: request.Timeout ?? current.timeout,
    memorySize: request.MemorySize ?? current.memorySize,
    environment: request.Environment ? (request.Environment.Variables ?? {}) : current.environment,
    ...(request.LoggingConfig?.LogGroup && { logGroup: request.LoggingConfig.LogGroup }),
    ...(request.TracingConfig?.Mode && { tracingMode: request.TracingConfig.Mode }),
  };
  fn.latest = { ...fn.latest, settings, ...stamp() };
  ctx.store.save(fn);
  ctx.retire(fn.name, "$LATEST");
  return functionConfiguration(ctx.region, fn, fn.latest);
}

export function publishVersion(ctx: OperationsContext, ref: FunctionRef, body: unknown) {
  const request = parseRequest(PublishVersionRequest, body);
  const fn = requireFunction(ctx.store, ctx.region, ref);
  checkRevision(fn.latest.revisionId, request.RevisionId);
  if (request.CodeSha256 !== undefined && request.CodeSha256 !== fn.latest.code.sha256) {
    throw invalidParameter(
      `CodeSHA256 (${request.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.latest.code.sha256}). Please try again`,
    );
  }
  const version = publish(fn, request.Description);
  ctx.store.save(fn);
  return functionConfiguration(ctx.region, fn, version);
}

export function listVersionsByFunction(
  ctx: OperationsContext,
  ref: FunctionRef,
  marker?: string,
  maxItems?: number,
) {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  const { slice, nextMarker } = page([fn.latest, ...fn.versions], marker, maxItems);
  return {
    Versions: slice.map((record) => functionConfiguration(ctx.region, fn, record, true)),
    ...(nextMarker && { NextMarker: nextMarker }),
  };
}

export function deleteFunction(ctx: OperationsContext, ref: FunctionRef): void {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  const qualifier = ref.qualifier;
  if (qualifier === undefined) {
    ctx.retire(fn.name);
    ctx.store.remove(fn.name);
    return;
  }
  if (qualifier === "$LATEST") {
    throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  }
  if (!/^[0-9]+$/.test(qualifier)) {
    throw invalidParameter("Deletion of aliases is not supported by DeleteFunction; use DeleteAlias.");
  }
  const referencing = fn.aliases.filter(
    (alias) =>
      alias.functionVersion === qualifier || alias.additionalVersionWeights?.[qualifier] !== undefined,
  );
  if (referencing.length > 0) {
    throw resourceConflict(
      `Unable to delete version because the following aliases reference it: [${referencing.map((alias) => alias.name).join(", ")}]`,
    );
  }
  // Deleting a version that does not exist succeeds, as on Lambda.
  fn.versions = fn.versions.filter((record) => record.version !== qualifier);
  ctx.store.save(fn);
  ctx.retire(fn.name, qualifier);
}

const stamp = () => ({ lastModified: lastModifiedNow(), revisionId: randomUUID() });

/** Publishes $LATEST, or returns the last version when nothing changed since it (as Lambda does). */
function publish(fn: FunctionRecord, description?: string): VersionRecord {
  const last = fn.versions.at(-1);
  const unchanged =
    last !== undefined &&
    last.code.sha256 === fn.latest.code.sha256 &&
    isDeepStrictEqual({ ...last.settings, description: "" }, { ...fn.latest.settings, description: "" });
  if (last && unchanged) return last;
  const version: VersionRecord = {
    ...fn.latest,
    version: String(fn.nextVersion),
    settings: { ...fn.latest.settings, description: description ?? fn.latest.settings.description },
    ...stamp(),
  };
  fn.nextVersion += 1;
  fn.versions.push(version);
  return version;
}
