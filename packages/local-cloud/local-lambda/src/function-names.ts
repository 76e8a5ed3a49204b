import { LOCAL_ACCOUNT_ID } from "@holonet/lambda-runtime/lambda-context";
import { invalidParameter } from "./api-errors";

export interface FunctionRef {
  name: string;
  /** A version number, `$LATEST` or an alias name. */
  qualifier?: string;
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const QUALIFIER = /^[a-zA-Z0-9$_-]{1,128}$/;
// arn:aws:lambda:region:account:function:name[:qualifier], account:function:name[:qualifier], name[:qualifier]
const FULL_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const NAME_WITH_QUALIFIER = /^([^:]+)(?::([^:]+))?$/;

/**
 * The function a request names: a name, a full ARN or a partial ARN, any of them with `:qualifier`, and
 * the Qualifier parameter, which must agree with it.
 */
export function parseFunctionRef(functionName: string, qualifier?: string): FunctionRef {
  const match = FULL_ARN.exec(functionName) ?? PARTIAL_ARN.exec(functionName);
  const [name, derived] = match
    ? [match[2], match[3]]
    : (NAME_WITH_QUALIFIER.exec(functionName)?.slice(1, 3) ?? []);
  if (match && match[1] !== LOCAL_ACCOUNT_ID) invalidName(functionName);
  if (!name || !NAME.test(name)) invalidName(functionName);
  const given = qualifier === "" ? undefined : qualifier;
  if (derived !== undefined && given !== undefined && derived !== given) {
    throw invalidParameter(
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
  }
  const resolved = given ?? derived;
  if (resolved !== undefined && !QUALIFIER.test(resolved)) {
    throw invalidParameter(`Invalid qualifier: ${resolved}`);
  }
  return { name, ...(resolved !== undefined && { qualifier: resolved }) };
}

function invalidName(functionName: string): never {
  throw invalidParameter(
    `1 validation error detected: Value '${functionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
  );
}

export const isFunctionName = (name: string) => NAME.test(name);

export const unqualifiedArn = (region: string, name: string) =>
  `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`;

export const qualifiedArn = (region: string, name: string, qualifier?: string) =>
  qualifier === undefined ? unqualifiedArn(region, name) : `${unqualifiedArn(region, name)}:${qualifier}`;
