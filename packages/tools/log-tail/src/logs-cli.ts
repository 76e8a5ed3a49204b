import { parseArgs } from "node:util";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { FUNCTION_NAMES, isFunctionName, logGroupName } from "@holonet/infra/app-definition";
import { isStage } from "@holonet/infra/stack-names";
import { formatEvent } from "./format-event";
import { filterEvents, followEvents, type LogQuery } from "./read-logs";
import { parseSince, plainTermPattern } from "./since";

const HELP = `Usage: pnpm logs <service> [--stage <stage>] [--follow] [--since 10m] [--filter text] [--json]

Prints a function's logs from CloudWatch Logs (the stage's log group /holonet/<stage>/<service>): one line an
event - the time, the function version, the request id, then the message; the services' JSON lines as
level, message and their other fields. Services: ${FUNCTION_NAMES.join(", ")}.

AWS: the standard credential chain and region. The local cloud (pnpm dev): the same, with the endpoint
pointed at it - eval "$(pnpm -s local-env)" sets AWS_ENDPOINT_URL_CLOUDWATCH_LOGS among the others.

Options:
  --stage <name>   dev, ci or prod (default dev). The stages share each function (an alias each), but each
                   stage's versions log to the stage's own group, kept as long as the stage says.
  --since <when>   from this long ago (30s, 10m, 2h, 1d) or this date-time (default: 10m)
  --filter <text>  only events containing this text (a plain term: spaces and symbols taken literally)
  --follow, -f     keep printing new events, polling every second, until Ctrl-C
  --json           the raw events (eventId, timestamp, logStreamName, message, ...) as JSON lines
  -h, --help       show this help

Exit status: 0 done (or stopped with Ctrl-C), 1 the logs could not be read, 2 a usage error.`;

class UsageError extends Error {}

function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stage: { type: "string", default: "dev" },
      since: { type: "string", default: "10m" },
      filter: { type: "string" },
      follow: { type: "boolean", short: "f", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return undefined;
  const [service, ...extra] = positionals;
  if (!service || extra.length > 0) throw new UsageError("Name one service.");
  if (!isFunctionName(service))
    throw new UsageError(`No service "${service}": ${FUNCTION_NAMES.join(", ")}.`);
  if (!isStage(values.stage)) throw new UsageError(`No stage "${values.stage}": dev, ci or prod.`);
  const startTime = parseSince(values.since);
  if (startTime === undefined)
    throw new UsageError(`--since takes 30s, 10m, 2h, 1d or a date-time, not "${values.since}".`);
  const query: LogQuery = {
    logGroupName: logGroupName(service, values.stage),
    startTime,
    ...(values.filter && { filterPattern: plainTermPattern(values.filter) }),
  };
  return { query, follow: values.follow, json: values.json };
}

async function main(): Promise<void> {
  // `| head` closes the pipe early: the next write's EPIPE ends the tool quietly, not with a stack.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  // These machines run Node 20, on which the SDK warns of its future releases.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const options = parseCli(process.argv.slice(2));
  if (!options) {
    console.log(HELP);
    return;
  }
  // The endpoint, region and credentials come from the SDK's own settings: one code path for AWS and local.
  const client = new CloudWatchLogsClient({});
  const stop = new AbortController();
  // Ctrl-C reaches this process twice, from the terminal and forwarded by pnpm: both must end it cleanly.
  process.on("SIGINT", () => stop.abort());
  process.on("SIGTERM", () => stop.abort());
  const color = Boolean(process.stdout.isTTY) && !options.json;
  const events = options.follow
    ? followEvents(client, options.query, stop.signal, {
        onNoGroupYet: () =>
          console.error(
            `${options.query.logGroupName} has no logs yet: waiting for its first (Ctrl-C to stop).`,
          ),
      })
    : filterEvents(client, options.query, stop.signal);
  try {
    for await (const event of events) {
      process.stdout.write(`${options.json ? JSON.stringify(event) : formatEvent(event, { color })}\n`);
    }
  } finally {
    client.destroy();
  }
  // Stopped by Ctrl-C: end now, while the handlers above still take the SIGINT pnpm may forward. Left to
  // end on its own, Node drops them while it exits, and a SIGINT arriving then would end it by the signal,
  // which pnpm reports as a failed command.
  if (stop.signal.aborted) process.exit(0);
}

main().catch((error: unknown) => {
  const { name, message } = error as Error;
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`holonet-logs: ${message}\nRun with --help for usage.`);
    process.exit(2);
  }
  if (name === "AbortError") process.exit(0);
  const hint =
    name === "ResourceNotFoundException"
      ? " The function has not logged yet in this account and region (or is not deployed there)."
      : name === "CredentialsProviderError" || /region/i.test(message)
        ? ' Set AWS credentials and a region (for the local cloud: eval "$(pnpm -s local-env)").'
        : "";
  const endpoint = process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? process.env.AWS_ENDPOINT_URL;
  const where =
    /ECONNREFUSED/.test(message) && endpoint ? ` Nothing answers at ${endpoint}: is pnpm dev running?` : "";
  console.error(`holonet-logs: ${name}: ${message.replace(/([^.])$/, "$1.")}${hint}${where}`);
  process.exit(1);
});
