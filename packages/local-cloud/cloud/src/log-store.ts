import { defaultLogGroup, logStreamName } from "@holonet/lambda-runtime/lambda-context";

/** One stored event, with the fields CloudWatch Logs gives it. */
export interface StoredLogEvent {
  eventId: string;
  logStreamName: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
}

export interface LogStream {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp: number;
  lastEventTimestamp: number;
  lastIngestionTime: number;
  storedBytes: number;
}

export interface LogGroup {
  logGroupName: string;
  creationTime: number;
  streams: Map<string, LogStream>;
  /** Oldest first; never more than the store's limit. */
  events: StoredLogEvent[];
}

export interface LogStore {
  append(input: {
    functionName: string;
    version: string;
    /** The version's log group (its LoggingConfig's, or Lambda's default). */
    logGroup: string;
    text: string;
    timestamp?: number;
  }): void;
  group(name: string): LogGroup | undefined;
  groups(): LogGroup[];
}

const DAY_MS = 86_400_000;

/**
 * The local cloud's CloudWatch Logs, in memory: a group per function, a stream per function version and
 * day (on AWS it is one per instance; the Lambda service's log callback does not say which instance wrote
 * a line), and the newest `limit` events per group, so a long session cannot grow it without bound.
 */
export function createLogStore(options: { limit?: number; now?: () => number } = {}): LogStore {
  const limit = options.limit ?? 10_000;
  const now = options.now ?? Date.now;
  const groups = new Map<string, LogGroup>();
  const streamOf = new Map<string, string>();
  let sequence = 0;
  // The UTC day of the last line, and when it began: a new Date and its ISO text per line cost more than
  // the rest of an append, and the day changes once a day.
  let day = "";
  let dayStart = Number.NaN;
  const dayOf = (at: number) => {
    if (!(at >= dayStart && at < dayStart + DAY_MS)) {
      day = new Date(at).toISOString().slice(0, 10);
      dayStart = at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
    }
    return day;
  };
  /**
   * Drops the events past the limit in one go: when a group is read, or once it is a quarter over. One
   * splice per line, as it was, moves the whole array each time: about 40 us a line at 10,000 events, the
   * largest part of the local cloud's own cost per request under load (by CPU profile).
   */
  const trim = (group: LogGroup | undefined, slack = 0) => {
    if (group && group.events.length > limit + slack) group.events.splice(0, group.events.length - limit);
    return group;
  };

  return {
    append({ functionName, version, logGroup, text, timestamp }) {
      const at = timestamp ?? now();
      const name = logGroup;
      let group = groups.get(name);
      if (!group) {
        group = { logGroupName: name, creationTime: at, streams: new Map(), events: [] };
        groups.set(name, group);
      }
      const key = `${name}\n${functionName}\n${version}\n${dayOf(at)}`;
      let streamName = streamOf.get(key);
      if (!streamName) {
        // In a group of its own choosing, Lambda puts the function's name in front of the stream's name:
        // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html
        const stream = logStreamName(version, new Date(at));
        streamName =
          name === defaultLogGroup(functionName) ? stream : stream.replace("/[", `/${functionName}[`);
        streamOf.set(key, streamName);
      }
      const stream = group.streams.get(streamName) ?? {
        logStreamName: streamName,
        creationTime: at,
        firstEventTimestamp: at,
        lastEventTimestamp: at,
        lastIngestionTime: at,
        storedBytes: 0,
      };
      stream.lastEventTimestamp = at;
      stream.lastIngestionTime = at;
      stream.storedBytes += Buffer.byteLength(text);
      group.streams.set(streamName, stream);
      // AWS's event ids are 56-digit decimal strings, ordered; a zero-padded counter keeps that shape.
      sequence += 1;
      const eventId = String(sequence).padStart(56, "0");
      group.events.push({
        eventId,
        logStreamName: streamName,
        timestamp: at,
        ingestionTime: at,
        message: text,
      });
      trim(group, Math.ceil(limit / 4));
    },
    group: (name) => trim(groups.get(name)),
    groups: () => [...groups.values()].map((group) => trim(group) ?? group),
  };
}
