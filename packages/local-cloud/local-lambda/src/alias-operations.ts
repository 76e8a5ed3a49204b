import { randomUUID } from "node:crypto";
import { resourceConflict, resourceNotFound } from "./api-errors";
import { CreateAliasRequest, parseRequest, UpdateAliasRequest } from "./api-requests";
import { aliasConfiguration } from "./api-shapes";
import { checkRevision, findVersion, page, requireFunction } from "./function-lookup";
import type { FunctionRef } from "./function-names";
import { qualifiedArn } from "./function-names";
import type { OperationsContext } from "./function-operations";
import type { AliasRecord, FunctionRecord } from "./function-store";

export function createAlias(ctx: OperationsContext, ref: FunctionRef, body: unknown) {
  const request = parseRequest(CreateAliasRequest, body);
  const fn = requireFunction(ctx.store, ctx.region, ref);
  if (fn.aliases.some((alias) => alias.name === request.Name)) {
    throw resourceConflict(`Alias already exists: ${qualifiedArn(ctx.region, fn.name, request.Name)}`);
  }
  const weights = request.RoutingConfig?.AdditionalVersionWeights;
  requireVersions(ctx, fn, [request.FunctionVersion, ...Object.keys(weights ?? {})]);
  const alias: AliasRecord = {
    name: request.Name,
    functionVersion: request.FunctionVersion,
    description: request.Description ?? "",
    revisionId: randomUUID(),
    ...(weights && Object.keys(weights).length > 0 && { additionalVersionWeights: weights }),
  };
  fn.aliases.push(alias);
  ctx.store.save(fn);
  return aliasConfiguration(ctx.region, fn, alias);
}

export function getAlias(ctx: OperationsContext, ref: FunctionRef, name: string) {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  return aliasConfiguration(ctx.region, fn, requireAlias(ctx, fn, name));
}

export function updateAlias(ctx: OperationsContext, ref: FunctionRef, name: string, body: unknown) {
  const request = parseRequest(UpdateAliasRequest, body);
  const fn = requireFunction(ctx.store, ctx.region, ref);
  const alias = requireAlias(ctx, fn, name);
  checkRevision(alias.revisionId, request.RevisionId);
  const weights = request.RoutingConfig
    ? request.RoutingConfig.AdditionalVersionWeights
    : alias.additionalVersionWeights;
  const functionVersion = request.FunctionVersion ?? alias.functionVersion;
  requireVersions(ctx, fn, [functionVersion, ...Object.keys(weights ?? {})]);
  const updated: AliasRecord = {
    name: alias.name,
    functionVersion,
    description: request.Description ?? alias.description,
    revisionId: randomUUID(),
    ...(weights && Object.keys(weights).length > 0 && { additionalVersionWeights: weights }),
  };
  fn.aliases = fn.aliases.map((each) => (each.name === name ? updated : each));
  ctx.store.save(fn);
  return aliasConfiguration(ctx.region, fn, updated);
}

export function deleteAlias(ctx: OperationsContext, ref: FunctionRef, name: string): void {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  fn.aliases = fn.aliases.filter((alias) => alias.name !== name);
  ctx.store.save(fn);
}

export function listAliases(
  ctx: OperationsContext,
  ref: FunctionRef,
  query: { functionVersion?: string; marker?: string; maxItems?: number },
) {
  const fn = requireFunction(ctx.store, ctx.region, ref);
  const matching = fn.aliases.filter(
    (alias) => query.functionVersion === undefined || alias.functionVersion === query.functionVersion,
  );
  const { slice, nextMarker } = page(matching, query.marker, query.maxItems, 10_000);
  return {
    Aliases: slice.map((alias) => aliasConfiguration(ctx.region, fn, alias)),
    ...(nextMarker && { NextMarker: nextMarker }),
  };
}

function requireAlias(ctx: OperationsContext, fn: FunctionRecord, name: string): AliasRecord {
  const alias = fn.aliases.find((each) => each.name === name);
  if (!alias) throw resourceNotFound(`Alias not found: ${qualifiedArn(ctx.region, fn.name, name)}`);
  return alias;
}

function requireVersions(ctx: OperationsContext, fn: FunctionRecord, versions: string[]): void {
  const missing = versions.find((version) => !findVersion(fn, version));
  if (missing !== undefined) {
    throw resourceNotFound(`Function not found: ${qualifiedArn(ctx.region, fn.name, missing)}`);
  }
}
