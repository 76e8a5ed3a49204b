import {
  type CloudWatchLogsClient,
  type FilteredLogEvent,
  FilterLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";

export interface LogQuery {
  logGroupName: string;
  startTime?: number | undefined;
  filterPattern?: string | undefined;
}

/** Every event of the query, page after page (nextToken): a page may be empty while more follow. */
export async function* filterEvents(
  client: CloudWatchLogsClient,
  query: LogQuery,
  signal?: AbortSignal,
): AsyncGenerator<FilteredLogEvent> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new FilterLogEventsCommand({
        logGroupName: query.logGroupName,
        ...(query.startTime !== undefined && { startTime: query.startTime }),
        ...(query.filterPattern && { filterPattern: query.filterPattern }),
        ...(nextToken && { nextToken }),
      }),
      { abortSignal: signal },
    );
    for (const event of page.events ?? []) yield event;
    nextToken = page.nextToken;
  } while (nextToken && !signal?.aborted);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The query's events, then new ones as they come: a poll every `intervalMs` from the newest event's time.
 * Events at that very millisecond come again, so ids seen there are remembered (and only those: the set
 * stays small). Runs until `signal` aborts - the user's Ctrl-C; a group not there yet is waited for.
 */
export async function* followEvents(
  client: CloudWatchLogsClient,
  query: LogQuery,
  signal: AbortSignal,
  options: { intervalMs?: number; onNoGroupYet?: () => void } = {},
): AsyncGenerator<FilteredLogEvent> {
  let toldNoGroup = false;
  let since = query.startTime;
  let seenAtSince = new Set<string>();
  while (!signal.aborted) {
    try {
      for await (const event of filterEvents(client, { ...query, startTime: since }, signal)) {
        const id = event.eventId ?? `${event.timestamp}:${event.logStreamName}:${event.message}`;
        if (seenAtSince.has(id)) continue;
        const at = event.timestamp ?? 0;
        if (since === undefined || at > since) {
          since = at;
          seenAtSince = new Set();
        }
        seenAtSince.add(id);
        yield event;
      }
    } catch (error) {
      if (signal.aborted) return;
      // Lambda makes the group at the function's first log line: following it before then is waiting.
      if ((error as Error).name !== "ResourceNotFoundException") throw error;
      if (!toldNoGroup) options.onNoGroupYet?.();
      toldNoGroup = true;
    }
    await sleep(options.intervalMs ?? 1_000, signal);
  }
}
