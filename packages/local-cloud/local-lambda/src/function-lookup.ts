import { functionNotFound, invalidParameter, preconditionFailed } from "./api-errors";
import type { FunctionRef } from "./function-names";
import { qualifiedArn } from "./function-names";
import type { AliasRecord, FunctionRecord, FunctionStore, VersionRecord } from "./function-store";

export interface Resolved {
  fn: FunctionRecord;
  record: VersionRecord;
  /** The alias the qualifier named, if it named one. */
  alias?: AliasRecord;
}

const isVersionNumber = (qualifier: string) => /^[0-9]+$/.test(qualifier);

export function requireFunction(store: FunctionStore, region: string, ref: FunctionRef): FunctionRecord {
  const fn = store.get(ref.name);
  if (!fn) throw functionNotFound(qualifiedArn(region, ref.name, ref.qualifier));
  return fn;
}

export const findVersion = (fn: FunctionRecord, version: string) =>
  version === "$LATEST" ? fn.latest : fn.versions.find((record) => record.version === version);

/**
 * The version a reference names: $LATEST by default, a version number, or an alias. With `route`, an
 * alias with a routing configuration picks one of its versions by their weights, as Invoke does.
 */
export function resolveRef(store: FunctionStore, region: string, ref: FunctionRef, route = false): Resolved {
  const fn = requireFunction(store, region, ref);
  const qualifier = ref.qualifier ?? "$LATEST";
  const notFound = () => functionNotFound(qualifiedArn(region, fn.name, qualifier));
  if (qualifier === "$LATEST" || isVersionNumber(qualifier)) {
    const record = findVersion(fn, qualifier);
    if (!record) throw notFound();
    return { fn, record };
  }
  const alias = fn.aliases.find((each) => each.name === qualifier);
  if (!alias) throw notFound();
  const record = findVersion(fn, route ? routedVersion(alias) : alias.functionVersion);
  if (!record) throw notFound();
  return { fn, record, alias };
}

function routedVersion(alias: AliasRecord): string {
  let draw = Math.random();
  for (const [version, weight] of Object.entries(alias.additionalVersionWeights ?? {})) {
    if (draw < weight) return version;
    draw -= weight;
  }
  return alias.functionVersion;
}

export function checkRevision(current: string, given: string | undefined): void {
  if (given !== undefined && given !== current) {
    throw preconditionFailed(
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
    );
  }
}

export function decodeZip(base64: string | undefined, hasS3: boolean): Uint8Array {
  if (hasS3 || base64 === undefined) {
    throw invalidParameter("The local Lambda service takes code as Code.ZipFile only (no S3 locations).");
  }
  return Buffer.from(base64, "base64");
}

/** Lambda's markers for paged lists: here, the index to start from. */
export function page<T>(items: T[], marker: string | undefined, maxItems: number | undefined, cap = 50) {
  const start = marker ? Number.parseInt(marker, 10) || 0 : 0;
  const count = Math.min(Math.max(maxItems ?? cap, 1), cap);
  const slice = items.slice(start, start + count);
  const next = start + count < items.length ? String(start + count) : undefined;
  return { slice, ...(next !== undefined && { nextMarker: next }) };
}
