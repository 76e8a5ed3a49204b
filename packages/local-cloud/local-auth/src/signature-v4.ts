import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// AWS Signature Version 4, checked as AWS checks it:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// (the canonical request, the string to sign, the signing key) and, for S3, the header and presigned-URL
// forms: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary credentials (a role's); the request must then carry it as X-Amz-Security-Token. */
  sessionToken?: string;
}

/** The credential that owns an access key id, if any. */
export type KeyRing = (accessKeyId: string) => Credential | undefined;

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query, not decoded. */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value, ... */
  rawHeaders: string[];
  /** SHA-256 of the body in hex. Undefined for S3, whose requests carry it as x-amz-content-sha256. */
  payloadHash?: string;
}

export interface SigningScope {
  /** The signing name: lambda, s3, logs, cloudformation. */
  service: string;
  region: string;
}

export type SignatureProblem =
  | "missing"
  | "incomplete"
  | "unknown-key"
  | "invalid-token"
  | "wrong-scope"
  | "skewed"
  | "expired"
  | "mismatch";

export type Verdict =
  | { ok: true; accessKeyId: string }
  | { ok: false; problem: SignatureProblem; message: string; presigned: boolean };

const ALGORITHM = "AWS4-HMAC-SHA256";
/** A signed request's time may be 15 minutes either side of the server's. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most 7 days. */
const MAX_EXPIRES_SECONDS = 604_800;

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding, as SigV4 asks: everything but unreserved characters. */
const escapeUri = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every service but S3 signs the path normalised and encoded a second time. */
function canonicalPath(path: string, service: string): string {
  if (service === "s3") return path || "/";
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalised = `/${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalised).replace(/%2F/g, "/");
}

function parseQuery(query: string): [string, string][] {
  return query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const at = part.indexOf("=");
      const key = at === -1 ? part : part.slice(0, at);
      const value = at === -1 ? "" : part.slice(at + 1);
      return [decodeURIComponent(key), decodeURIComponent(value)];
    });
}

function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .filter(([key]) => key !== "X-Amz-Signature")
    .map(([key, value]) => [escapeUri(key), escapeUri(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

function headerValues(rawHeaders: string[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    values.set(name, [...(values.get(name) ?? []), rawHeaders[i + 1] as string]);
  }
  return values;
}

interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  /** For a presigned URL: how long it is valid, in seconds. */
  expiresSeconds?: number;
  sessionToken?: string;
}

type Parsed = { ok: true; auth: Authorization } | { ok: false; problem: SignatureProblem; message: string };

function parseCredentialScope(
  credential: string,
): Omit<Authorization, "signedHeaders" | "signature" | "amzDate"> | undefined {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") return undefined;
  const [accessKeyId = "", date = "", region = "", service = ""] = parts;
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}

function parseHeaderAuthorization(header: string, headers: Map<string, string[]>): Parsed {
  const incomplete = (message: string): Parsed => ({ ok: false, problem: "incomplete", message });
  if (!header.startsWith(`${ALGORITHM} `))
    return incomplete(`Unsupported Authorization type: only ${ALGORITHM} (Signature Version 4) is accepted.`);
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const at = part.indexOf("=");
    if (at !== -1) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  for (const name of ["Credential", "SignedHeaders", "Signature"])
    if (!fields.get(name))
      return incomplete(`Authorization header requires '${name}' parameter. Authorization=${header}`);
  const scope = parseCredentialScope(fields.get("Credential") as string);
  if (!scope)
    return incomplete(`Credential is not of the form <key>/<date>/<region>/<service>/aws4_request.`);
  const amzDate = headers.get("x-amz-date")?.[0];
  if (!amzDate)
    return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const sessionToken = headers.get("x-amz-security-token")?.[0];
  return {
    ok: true,
    auth: {
      ...scope,
      signedHeaders: (fields.get("SignedHeaders") as string).split(";"),
      signature: fields.get("Signature") as string,
      amzDate,
      ...(sessionToken !== undefined && { sessionToken }),
    },
  };
}

function parseQueryAuthorization(query: Map<string, string>): Parsed {
  const incomplete = (message: string): Parsed => ({ ok: false, problem: "incomplete", message });
  if (query.get("X-Amz-Algorithm") !== ALGORITHM)
    return incomplete(`X-Amz-Algorithm only supports "${ALGORITHM}".`);
  for (const name of [
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Expires",
  ])
    if (!query.get(name))
      return incomplete(`Query-string authentication version 4 requires the ${name} parameter.`);
  const scope = parseCredentialScope(query.get("X-Amz-Credential") as string);
  if (!scope)
    return incomplete(`X-Amz-Credential is not of the form <key>/<date>/<region>/<service>/aws4_request.`);
  const expiresSeconds = Number(query.get("X-Amz-Expires"));
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > MAX_EXPIRES_SECONDS)
    return incomplete(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS}.`);
  const sessionToken = query.get("X-Amz-Security-Token");
  return {
    ok: true,
    auth: {
      ...scope,
      signedHeaders: (query.get("X-Amz-SignedHeaders") as string).split(";"),
      signature: query.get("X-Amz-Signature") as string,
      amzDate: query.get("X-Amz-Date") as string,
      expiresSeconds,
      ...(sessionToken !== undefined && { sessionToken }),
    },
  };
}

/** 20261130T140000Z -> its time in ms, or NaN. */
function amzDateMs(amzDate: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

const signingKeys = new Map<string, Buffer>();
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
    if (signingKeys.size > 256) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** The signature of a canonical request: the string to sign, HMAC'd with the day's signing key. */
function signatureOf(
  secret: string,
  scope: { amzDate: string; date: string; region: string; service: string },
  canonicalRequest: string,
): Buffer {
  const stringToSign = [
    ALGORITHM,
    scope.amzDate,
    `${scope.date}/${scope.region}/${scope.service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join("\n");
  return createHmac("sha256", signingKey(secret, scope.date, scope.region, scope.service))
    .update(stringToSign)
    .digest();
}

/**
 * A presigned GET URL, as S3 hands out for downloads (GetFunction's Code.Location is one on AWS): the
 * signature and its scope in the query, the host the only signed header, the payload unsigned.
 */
export function presignUrl(
  url: string,
  credential: Credential,
  scope: SigningScope,
  expiresSeconds: number,
  now = Date.now(),
): string {
  const target = new URL(url);
  const amzDate = new Date(now)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const date = amzDate.slice(0, 8);
  const pairs: [string, string][] = [
    ...parseQuery(target.search.slice(1)),
    ["X-Amz-Algorithm", ALGORITHM],
    ["X-Amz-Credential", `${credential.accessKeyId}/${date}/${scope.region}/${scope.service}/aws4_request`],
    ["X-Amz-Date", amzDate],
    ["X-Amz-Expires", String(expiresSeconds)],
    ["X-Amz-SignedHeaders", "host"],
    ...(credential.sessionToken === undefined
      ? []
      : [["X-Amz-Security-Token", credential.sessionToken] as [string, string]]),
  ];
  const canonicalRequest = [
    "GET",
    canonicalPath(target.pathname, scope.service),
    canonicalQuery(pairs),
    `host:${target.host}\n`,
    "host",
    "UNSIGNED-PAYLOAD",
  ].join("\n");
  const signature = signatureOf(
    credential.secretAccessKey,
    { amzDate, date, ...scope },
    canonicalRequest,
  ).toString("hex");
  const query = pairs.map(([key, value]) => `${escapeUri(key)}=${escapeUri(value)}`).join("&");
  return `${target.origin}${target.pathname}?${query}&X-Amz-Signature=${signature}`;
}

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * Checks a request's Signature Version 4 (an Authorization header, or a presigned URL's query) against the
 * key ring, for one service in one region, at `now`.
 */
export function verifySignature(
  request: SignedRequest,
  keys: KeyRing,
  scope: SigningScope,
  now = Date.now(),
): Verdict {
  const queryAt = request.url.indexOf("?");
  const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const headers = headerValues(request.rawHeaders);
  let pairs: [string, string][];
  try {
    pairs = parseQuery(queryAt === -1 ? "" : request.url.slice(queryAt + 1));
  } catch {
    return {
      ok: false,
      problem: "incomplete",
      message: "The query string is not well-formed percent-encoding.",
      presigned: false,
    };
  }
  const query = new Map(pairs);
  const header = headers.get("authorization")?.[0];
  const presigned = header === undefined && query.has("X-Amz-Algorithm");
  const refuse = (problem: SignatureProblem, message: string): Verdict => ({
    ok: false,
    problem,
    message,
    presigned,
  });
  if (header === undefined && !presigned) return refuse("missing", "Missing Authentication Token");

  const parsed = presigned
    ? parseQueryAuthorization(query)
    : parseHeaderAuthorization(header as string, headers);
  if (!parsed.ok) return refuse(parsed.problem, parsed.message);
  const { auth } = parsed;

  const credential = keys(auth.accessKeyId);
  if (!credential) return refuse("unknown-key", "The security token included in the request is invalid.");
  if (auth.region !== scope.region)
    return refuse(
      "wrong-scope",
      `Credential should be scoped to a valid region; the local cloud's is '${scope.region}', not '${auth.region}'.`,
    );
  if (auth.service !== scope.service)
    return refuse("wrong-scope", `Credential should be scoped to correct service: '${scope.service}'.`);
  const signedAt = amzDateMs(auth.amzDate);
  if (Number.isNaN(signedAt) || auth.amzDate.slice(0, 8) !== auth.date)
    return refuse(
      "incomplete",
      `X-Amz-Date must be the credential's date in the form YYYYMMDD'T'HHMMSS'Z', not ${auth.amzDate}.`,
    );
  if (auth.expiresSeconds !== undefined) {
    if (now > signedAt + auth.expiresSeconds * 1000) return refuse("expired", "Request has expired");
    if (signedAt - now > MAX_SKEW_MS)
      return refuse("skewed", "Request is not valid yet: X-Amz-Date is in the future.");
  } else if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    return refuse(
      "skewed",
      `Signature expired: ${auth.amzDate} is more than 15 minutes from the server's time ${new Date(now).toISOString()}.`,
    );
  }
  if (credential.sessionToken !== undefined && auth.sessionToken !== credential.sessionToken)
    return refuse("invalid-token", "The security token included in the request is invalid.");
  if (!auth.signedHeaders.includes("host")) return refuse("incomplete", "The Host header must be signed.");

  const canonicalHeaders = auth.signedHeaders
    .map(
      (name) => `${name}:${(headers.get(name) ?? []).map((v) => v.trim().replace(/\s+/g, " ")).join(",")}\n`,
    )
    .join("");
  const payloadHash = presigned
    ? (query.get("X-Amz-Content-Sha256") ?? "UNSIGNED-PAYLOAD")
    : (request.payloadHash ?? headers.get("x-amz-content-sha256")?.[0]);
  if (payloadHash === undefined)
    return refuse("incomplete", "Missing required header for this request: x-amz-content-sha256");
  const claimed = headers.get("x-amz-content-sha256")?.[0];
  if (request.payloadHash !== undefined && claimed !== undefined && claimed !== request.payloadHash)
    return refuse("mismatch", "The provided x-amz-content-sha256 header does not match what was computed.");

  const canonicalRequest = [
    request.method,
    canonicalPath(path, scope.service),
    canonicalQuery(pairs),
    canonicalHeaders,
    auth.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const expected = signatureOf(credential.secretAccessKey, auth, canonicalRequest);
  const given = Buffer.from(auth.signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return refuse("mismatch", MISMATCH);
  return { ok: true, accessKeyId: auth.accessKeyId };
}

export { sha256Hex };
