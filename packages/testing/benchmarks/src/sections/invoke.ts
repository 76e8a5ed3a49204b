import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { localClientConfig } from "@holonet/local-cloud/local-cloud";
import { startBareServer } from "../bare-server";
import { startBenchCloud } from "../bench-cloud";
import type { BenchContext } from "../bench-context";
import { type Figure, figure } from "../figures";
import { httpRequest } from "../http-client";
import { startIpcEcho } from "../ipc-echo";
import { startOfflineLambda } from "../peers/serverless-offline";
import { progress } from "../progress";
import { withStdoutDiscarded } from "../quiet-stdout";
import { percentile } from "../stats";

const SECTION = "b. Invoke: warm invocations, one at a time, vs a direct call of the handler";
const WARM_UP_CALLS = 30;

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

interface Variant {
  name: string;
  /** The direct call this variant is compared with. */
  baseline: "direct" | "direct-http";
  goal?: boolean;
  note: string;
  call: () => Promise<unknown>;
  /** Throws when the answer is not a quote: a fast wrong answer is no figure. */
  check: (answer: unknown) => void;
}

const context = () => ({
  awsRequestId: "00000000-0000-4000-8000-000000000000",
  functionName: "holonet-quote",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:holonet-quote",
  memoryLimitInMB: "128",
  logGroupName: "/aws/lambda/holonet-quote",
  logStreamName: "bench",
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 3000,
});

const hasQuote = (answer: unknown) => {
  const text = typeof answer === "string" ? answer : JSON.stringify(answer);
  if (!text.includes('"quote"') && !text.includes('\\"quote\\"'))
    throw new Error(`not a quote: ${text.slice(0, 200)}`);
};

const decode = (payload: Uint8Array | undefined) => new TextDecoder().decode(payload ?? new Uint8Array());

/** Warm latency of each way to run the quote function, interleaved in rounds; p50 and p99 of every call. */
export async function invokeSection(ctx: BenchContext): Promise<Figure[]> {
  const service = path.join(ctx.root, "services", "quote");
  const bundle = path.join(service, "dist", "handler.mjs");
  const directEvent = JSON.parse(readFileSync(path.join(service, "events", "direct-jedi.json"), "utf8"));
  const httpEvent = JSON.parse(readFileSync(path.join(service, "events", "http-jedi.json"), "utf8"));
  const { handler } = (await import(pathToFileURL(bundle).href)) as { handler: Handler };
  const payload = Buffer.from(JSON.stringify(directEvent));

  const { cloud, close } = await startBenchCloud(ctx.root, ctx.tmp);
  // Loaded only here: it sets up a winston logger of its own, which must not meet s3rver's at startup.
  const { execute: lambdaLocalExecute } = (await import("lambda-local")) as {
    execute: (options: Record<string, unknown>) => Promise<unknown>;
  };
  const lambda = new LambdaClient(localClientConfig(cloud.lambda, cloud.credentials));
  const failures: Figure[] = [];
  const offline = await startOfflineLambda({
    codeDir: path.dirname(bundle),
    functionName: "holonet-quote",
    handler: "handler.handler",
    environment: {},
  }).catch((error: unknown) => {
    failures.push(
      figure({
        section: SECTION,
        name: "serverless-offline Lambda API (SDK Invoke): p50",
        value: null,
        unit: "ms",
        baseline: "direct call, same event",
        baselineValue: null,
        note: `could not run here: ${(error as Error).message}`,
      }),
    );
    return undefined;
  });

  // Two floors beside the direct call: the IPC round trip every invocation of an instance in a process of its
  // own pays, and the SDK client's own cost against a server that answers Invoke with no work.
  const echo = startIpcEcho();
  const invokeAnswer = await lambda.send(
    new InvokeCommand({ FunctionName: "holonet-quote", Qualifier: "dev", Payload: payload }),
  );
  const bareLambda = await startBareServer({
    status: 200,
    headers: {
      "content-type": "application/json",
      "x-amz-executed-version": invokeAnswer.ExecutedVersion ?? "1",
    },
    body: Buffer.from(invokeAnswer.Payload ?? new Uint8Array()),
  });
  const bareClient = new LambdaClient(localClientConfig(bareLambda.url, cloud.credentials));

  const variants: Variant[] = [
    {
      name: "direct call of the bundle's handler, direct event",
      baseline: "direct",
      note: "services/quote/dist/handler.mjs imported into the bench process",
      call: () => handler(directEvent, context()),
      check: hasQuote,
    },
    {
      name: "direct call of the bundle's handler, HTTP API event",
      baseline: "direct-http",
      note: "the same, with events/http-jedi.json",
      call: () => handler(httpEvent, context()),
      check: hasQuote,
    },
    {
      name: "IPC round trip to a warm child process that does nothing",
      baseline: "direct",
      note: "floor: the message and its answer over Node's IPC channel, as each local invocation crosses it",
      call: () => echo.roundTrip({ event: directEvent }),
      check: () => {},
    },
    {
      name: "SDK Invoke against bare node:http answering the same bytes",
      baseline: "direct",
      note: "floor: @aws-sdk/client-lambda's own cost (signing, HTTP, parsing) with a server that does nothing",
      call: async () =>
        decode(
          (await bareClient.send(new InvokeCommand({ FunctionName: "holonet-quote", Payload: payload })))
            .Payload,
        ),
      check: hasQuote,
    },
    {
      name: "Holonet Lambda API (SDK Invoke holonet-quote:dev)",
      baseline: "direct",
      goal: true,
      note: "@aws-sdk/client-lambda over keep-alive HTTP to the local Lambda API; a warm instance (own process)",
      call: async () =>
        decode(
          (
            await lambda.send(
              new InvokeCommand({ FunctionName: "holonet-quote", Qualifier: "dev", Payload: payload }),
            )
          ).Payload,
        ),
      check: hasQuote,
    },
    {
      name: "Holonet gateway (GET /quote?isJedi=true)",
      baseline: "direct-http",
      goal: true,
      note: "node:http keep-alive client, one connection",
      call: async () => (await httpRequest(`${cloud.api}/quote?isJedi=true`)).body.toString(),
      check: hasQuote,
    },
    {
      name: "lambda-local 2.2.0 (execute, in process)",
      baseline: "direct",
      note: "peer: runs the handler in the caller's process, no API, no isolation",
      call: () =>
        lambdaLocalExecute({
          event: directEvent,
          lambdaPath: bundle,
          esm: true,
          lambdaHandler: "handler",
          timeoutMs: 3000,
          verboseLevel: 0,
        }),
      check: hasQuote,
    },
  ];
  if (offline) {
    variants.push({
      name: "serverless-offline 14.8.2 Lambda API (SDK Invoke)",
      baseline: "direct",
      note: "peer: its Invoke API (hapi) and default worker-thread runner, driven in this process without the Framework (14.x needs Framework v4, which needs a serverless.com login these machines cannot do); its HTTP path through the v3 CLI is in table a",
      call: async () =>
        decode(
          (
            await offline.client.send(
              new InvokeCommand({ FunctionName: offline.functionName, Payload: payload }),
            )
          ).Payload,
        ),
      check: hasQuote,
    });
  }

  try {
    const samples = await withStdoutDiscarded(() => timeVariants(ctx, variants));
    const p50 = (name: string) => percentile(samples.get(name) ?? [], 50);
    const direct = { direct: p50(variants[0]?.name ?? ""), "direct-http": p50(variants[1]?.name ?? "") };
    const figures = variants.map((variant) => {
      const times = samples.get(variant.name) ?? [];
      const base = direct[variant.baseline];
      const value = percentile(times, 50);
      return figure({
        section: SECTION,
        name: `${variant.name}: p50`,
        value,
        unit: "ms",
        baseline: variant.baseline === "direct" ? "direct call, direct event" : "direct call, HTTP API event",
        baselineValue: base,
        ...(variant.goal && { goal: { text: "< 1 ms over the direct call", isMet: (v, b) => v - b < 1 } }),
        note: `overhead ${(value - base).toFixed(2)} ms; p99 ${percentile(times, 99).toFixed(2)} ms; ${times.length} calls; ${variant.note}`,
      });
    });
    return [...figures, ...failures];
  } finally {
    echo.close();
    bareClient.destroy();
    await bareLambda.close();
    lambda.destroy();
    await offline?.close();
    await close();
  }
}

/** Warm-up calls, then rounds in which each variant runs in turn: every call's time, per variant. */
async function timeVariants(ctx: BenchContext, variants: Variant[]): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(variants.map((each) => [each.name, []]));
  for (const variant of variants) {
    for (let i = 0; i < WARM_UP_CALLS; i++) variant.check(await variant.call());
  }
  for (let round = 0; round < ctx.settings.invokeRounds; round++) {
    progress(`invoke: round ${round + 1} of ${ctx.settings.invokeRounds}`);
    for (const variant of variants) {
      const times = samples.get(variant.name) as number[];
      for (let i = 0; i < ctx.settings.invokesPerRound; i++) {
        const started = performance.now();
        await variant.call();
        times.push(performance.now() - started);
      }
    }
  }
  return samples;
}
