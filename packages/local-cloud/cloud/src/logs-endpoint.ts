import { randomUUID } from "node:crypto";
import http from "node:http";
import { type AwsEndpoint, checkAwsRequest, sendRefusal } from "@holonet/local-auth/aws-request-guard";
import { compileFilterPattern } from "./log-filter-pattern";
import type { LogGroup, LogStore } from "./log-store";
import { listenOnLoopback } from "./loopback-server";

/** An error as the JSON 1.1 protocol carries it: a status, `__type` and `message`. */
class LogsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Request = Record<string, unknown>;
type Answer = Record<string, unknown>;

const ACCOUNT = "000000000000";
const MAX_EVENTS = 10_000;

const str = (request: Request, key: string) => (typeof request[key] === "string" ? request[key] : undefined);
const num = (request: Request, key: string) => (typeof request[key] === "number" ? request[key] : undefined);

function limitOf(request: Request, fallback: number, max: number): number {
  const limit = num(request, "limit") ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new LogsError("InvalidParameterException", `limit must be 1-${max}.`);
  return limit;
}

/** logGroupName, or logGroupIdentifier (a name or an ARN), exactly one of them, as AWS asks. */
function groupOf(store: LogStore, request: Request): LogGroup {
  const name = str(request, "logGroupName");
  const identifier = str(request, "logGroupIdentifier");
  if ((name === undefined) === (identifier === undefined))
    throw new LogsError(
      "InvalidParameterException",
      "Specify exactly one of logGroupName and logGroupIdentifier.",
    );
  const wanted = name ?? identifier?.replace(/^arn:aws:logs:[^:]*:\d+:log-group:/, "").replace(/:\*$/, "");
  const group = wanted === undefined ? undefined : store.group(wanted);
  if (!group) throw new LogsError("ResourceNotFoundException", "The specified log group does not exist.");
  return group;
}

/** Page tokens are the position to resume at; opaque to clients, as AWS's are. */
const token = (position: number) => Buffer.from(String(position)).toString("base64url");
function positionOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const position = Number(Buffer.from(value, "base64url").toString());
  if (!Number.isInteger(position) || position < 0)
    throw new LogsError("InvalidParameterException", "The nextToken is not valid.");
  return position;
}

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html */
function filterLogEvents(store: LogStore, request: Request): Answer {
  const group = groupOf(store, request);
  const match = compileFilterPattern(str(request, "filterPattern"));
  if (!match)
    throw new LogsError(
      "InvalidParameterException",
      "The local cloud supports plain terms and quoted phrases in filterPattern, not JSON or space-delimited patterns.",
    );
  const streams = request.logStreamNames as string[] | undefined;
  const prefix = str(request, "logStreamNamePrefix");
  const startTime = num(request, "startTime") ?? 0;
  const endTime = num(request, "endTime") ?? Number.POSITIVE_INFINITY;
  const limit = limitOf(request, MAX_EVENTS, MAX_EVENTS);
  // Resume after the last event id returned: ids only grow, and old events may have been dropped meanwhile.
  const after = positionOf(str(request, "nextToken"));
  const events = [];
  let last = after;
  for (const event of group.events) {
    if (Number(event.eventId) <= after) continue;
    if (events.length === limit) break;
    last = Number(event.eventId);
    if (event.timestamp < startTime || event.timestamp > endTime) continue;
    if (streams && !streams.includes(event.logStreamName)) continue;
    if (prefix && !event.logStreamName.startsWith(prefix)) continue;
    if (match(event.message)) events.push(event);
  }
  const more = group.events.some((event) => Number(event.eventId) > last);
  return { events, searchedLogStreams: [], ...(more && { nextToken: token(last) }) };
}

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html */
function getLogEvents(store: LogStore, request: Request): Answer {
  const group = groupOf(store, request);
  const streamName = str(request, "logStreamName");
  if (!streamName || !group.streams.has(streamName))
    throw new LogsError("ResourceNotFoundException", "The specified log stream does not exist.");
  const startTime = num(request, "startTime") ?? 0;
  const endTime = num(request, "endTime") ?? Number.POSITIVE_INFINITY;
  const limit = limitOf(request, MAX_EVENTS, MAX_EVENTS);
  const all = group.events.filter(
    (event) =>
      event.logStreamName === streamName && event.timestamp >= startTime && event.timestamp < endTime,
  );
  // Tokens are f/<index> (read forward from there) or b/<index> (read back before it), as AWS shapes them.
  const given = str(request, "nextToken");
  const [direction, at] = given ? [given.slice(0, 1), Number(given.slice(2))] : [undefined, Number.NaN];
  if (given && (!/^[fb]\/\d+$/.test(given) || Number.isNaN(at)))
    throw new LogsError("InvalidParameterException", "The nextToken is not valid.");
  const forward = direction === "f" || (direction === undefined && request.startFromHead === true);
  const from = forward ? (direction ? at : 0) : Math.max(0, (direction ? at : all.length) - limit);
  const to = forward ? Math.min(all.length, from + limit) : direction ? at : all.length;
  const events = all
    .slice(from, to)
    .map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime }));
  return { events, nextForwardToken: `f/${to}`, nextBackwardToken: `b/${from}` };
}

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html */
function describeLogStreams(store: LogStore, request: Request, region: string): Answer {
  const group = groupOf(store, request);
  const prefix = str(request, "logStreamNamePrefix");
  const orderBy = str(request, "orderBy") ?? "LogStreamName";
  if (orderBy === "LastEventTime" && prefix !== undefined)
    throw new LogsError(
      "InvalidParameterException",
      "Cannot order by LastEventTime with a logStreamNamePrefix.",
    );
  const limit = limitOf(request, 50, 50);
  const streams = [...group.streams.values()]
    .filter((stream) => !prefix || stream.logStreamName.startsWith(prefix))
    .sort((a, b) =>
      orderBy === "LastEventTime"
        ? a.lastEventTimestamp - b.lastEventTimestamp
        : a.logStreamName.localeCompare(b.logStreamName),
    );
  if (request.descending === true) streams.reverse();
  const from = positionOf(str(request, "nextToken"));
  const page = streams.slice(from, from + limit).map((stream) => ({
    ...stream,
    arn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${group.logGroupName}:log-stream:${stream.logStreamName}`,
  }));
  return { logStreams: page, ...(from + limit < streams.length && { nextToken: token(from + limit) }) };
}

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html */
function describeLogGroups(store: LogStore, request: Request, region: string): Answer {
  const prefix = str(request, "logGroupNamePrefix");
  const limit = limitOf(request, 50, 50);
  const groups = store
    .groups()
    .filter((group) => !prefix || group.logGroupName.startsWith(prefix))
    .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
  const from = positionOf(str(request, "nextToken"));
  const page = groups.slice(from, from + limit).map((group) => ({
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    arn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${group.logGroupName}:*`,
    logGroupArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${group.logGroupName}`,
    storedBytes: [...group.streams.values()].reduce((sum, stream) => sum + stream.storedBytes, 0),
  }));
  return { logGroups: page, ...(from + limit < groups.length && { nextToken: token(from + limit) }) };
}

const OPERATIONS: Record<string, (store: LogStore, request: Request, region: string) => Answer> = {
  FilterLogEvents: filterLogEvents,
  GetLogEvents: getLogEvents,
  DescribeLogStreams: describeLogStreams,
  DescribeLogGroups: describeLogGroups,
};

/**
 * The CloudWatch Logs API for the local cloud's function log groups, read-only. It speaks AWS's JSON 1.1
 * protocol: a POST to / naming the operation in X-Amz-Target (`Logs_20140328.FilterLogEvents`), JSON in and
 * out as application/x-amz-json-1.1, errors as `{"__type", "message"}`
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html), so
 * @aws-sdk/client-cloudwatch-logs and the AWS CLI work against it unmodified.
 */
export async function startLogsEndpoint(options: {
  store: LogStore;
  region: string;
  port: number;
  /** Who may call it: requests signed with the local cloud's credentials (JSON 1.1 errors). */
  auth: AwsEndpoint;
}) {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1_048_576) chunks.push(chunk);
    });
    request.on("end", () => {
      const refusal = checkAwsRequest(options.auth, request, Buffer.concat(chunks));
      if (refusal) return sendRefusal(response, refusal);
      const send = (status: number, body: Answer, type?: string) =>
        response
          .writeHead(status, {
            "content-type": "application/x-amz-json-1.1",
            "x-amzn-requestid": randomUUID(),
            ...(type && { "x-amzn-errortype": type }),
          })
          .end(JSON.stringify(body));
      try {
        const target = String(request.headers["x-amz-target"] ?? "");
        const operation = OPERATIONS[target.replace(/^Logs_20140328\./, "")];
        if (request.method !== "POST" || !target.startsWith("Logs_20140328.") || !operation)
          throw new LogsError(
            "UnknownOperationException",
            `The local cloud answers ${Object.keys(OPERATIONS).join(", ")}, not ${target || "nothing"}.`,
          );
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        } catch {
          throw new LogsError("SerializationException", "The request body is not JSON.");
        }
        if (typeof body !== "object" || body === null || Array.isArray(body))
          throw new LogsError("SerializationException", "The request body is not a JSON object.");
        send(200, operation(options.store, body as Request, options.region));
      } catch (error) {
        const known =
          error instanceof LogsError
            ? error
            : new LogsError("ServiceUnavailableException", String(error), 500);
        send(known.status, { __type: known.type, message: known.message }, known.type);
      }
    });
  });
  return listenOnLoopback(server, options.port);
}
