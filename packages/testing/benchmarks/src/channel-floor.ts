import { type ChildProcess, fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * Floor (a): the least the local cloud's design can cost for an HTTP API request. A bare node:http server
 * hands each request to a warm worker process over the channel the local cloud uses for its function
 * instances (fork() with an IPC channel: the InvokeMessage in, the event as JSON text; one
 * end-of-invocation frame on stdout out), and the worker answers at once. One worker per request in flight,
 * as the instance pool serves one invocation per instance at a time (decision 0007): the pool grows to the
 * number of connections, and idle workers are reused, as warm instances are.
 */
export interface ChannelFloor {
  url: string;
  /** Worker processes started so far: one per request that was ever in flight at the same time. */
  workers(): number;
  close(): Promise<void>;
}

export interface ChannelFloorOptions {
  /** The gateway's answer to the route (status, headers, body): the workers answer it, so the bytes match. */
  answer: { status: number; headers: Record<string, string>; body: Buffer };
  /** The HTTP API event the route's function gets (events/http-jedi.json), per request given its path. */
  event: Record<string, unknown>;
  /** The Node.js build the workers start on: the function's own runtime, as its instances start on. */
  execPath: string;
  /** As Lambda's account concurrency: past it, requests wait for a worker. */
  maxWorkers?: number;
  /**
   * The design not taken: one worker for every request, invocations sent to it while others are still
   * running (as a server process would take them). Lambda never does this: an execution environment
   * serves one invocation at a time, which is what the pool of one worker per request in flight keeps.
   */
  pipelined?: boolean;
}

const WORKER = fileURLToPath(new URL("./channel-floor-worker.mjs", import.meta.url));
const MARK = "\u0000holonet-end ";
const FRAME_END = "\u0000";

interface LambdaAnswer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

interface Worker {
  child: ChildProcess;
  /** The requests this worker serves, by request id: one at a time unless pipelined. */
  pending: Map<string, (answer: LambdaAnswer | undefined) => void>;
}

function startWorker(options: ChannelFloorOptions, onExit: (worker: Worker) => void): Worker {
  const payload: LambdaAnswer = {
    statusCode: options.answer.status,
    headers: options.answer.headers,
    body: options.answer.body.toString(),
  };
  const child = fork(WORKER, [], {
    execPath: options.execPath,
    execArgv: [],
    env: { HOLONET_FLOOR_PAYLOAD: JSON.stringify(payload) },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const worker: Worker = { child, pending: new Map() };
  let text = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    text += chunk;
    // As the local cloud's frame reader: the frame's JSON is the ResultMessage, its payloadJson the answer.
    for (let at = text.indexOf(MARK); at !== -1; at = text.indexOf(MARK)) {
      const idEnd = text.indexOf(" ", at + MARK.length);
      const end = idEnd === -1 ? -1 : text.indexOf(FRAME_END, idEnd);
      if (end === -1) return;
      const id = text.slice(at + MARK.length, idEnd);
      const result = JSON.parse(text.slice(idEnd + 1, end)) as { payloadJson: string };
      text = text.slice(end + FRAME_END.length);
      const pending = worker.pending.get(id);
      worker.pending.delete(id);
      pending?.(JSON.parse(result.payloadJson) as LambdaAnswer);
    }
  });
  child.once("exit", () => {
    for (const pending of worker.pending.values()) pending(undefined);
    worker.pending.clear();
    onExit(worker);
  });
  return worker;
}

export async function startChannelFloor(options: ChannelFloorOptions): Promise<ChannelFloor> {
  const maxWorkers = options.maxWorkers ?? 100;
  const all = new Set<Worker>();
  const idle: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  let started = 0;
  let closing = false;
  const requestContext = options.event.requestContext as Record<string, unknown>;

  const release = (worker: Worker) => {
    if (options.pipelined) return;
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  const acquire = (take: (worker: Worker) => void) => {
    const worker = options.pipelined ? [...all][0] : idle.pop();
    if (worker) return take(worker);
    if (all.size >= maxWorkers) return void waiting.push(take);
    const fresh = startWorker(options, (gone) => {
      all.delete(gone);
      const at = idle.indexOf(gone);
      if (at !== -1) idle.splice(at, 1);
    });
    started++;
    all.add(fresh);
    take(fresh);
  };

  const invoke = (req: IncomingMessage, res: ServerResponse, worker: Worker) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const awsRequestId = randomUUID();
    // The gateway builds the function's event from the request and serialises it once: so does the floor.
    const eventJson = JSON.stringify({
      ...options.event,
      rawPath: query === -1 ? url : url.slice(0, query),
      rawQueryString: query === -1 ? "" : url.slice(query + 1),
      headers: req.headers,
      requestContext: { ...requestContext, requestId: awsRequestId, timeEpoch: Date.now() },
    });
    worker.pending.set(awsRequestId, (answer) => {
      release(worker);
      if (!answer) {
        res.writeHead(502).end();
        return;
      }
      const body = Buffer.from(answer.body ?? "");
      res.writeHead(answer.statusCode, { ...answer.headers, "content-length": String(body.length) });
      res.end(body);
    });
    worker.child.send({
      type: "invoke",
      taskRoot: "/var/task",
      handler: "handler.handler",
      eventJson,
      invocation: {
        functionName: "holonet-quote",
        functionVersion: "1",
        region: "us-east-1",
        memoryMb: 128,
        awsRequestId,
        invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:holonet-quote:dev",
        logGroupName: "/aws/lambda/holonet-quote",
        logStreamName: "floor",
        deadlineMs: Date.now() + 3000,
      },
    });
  };

  const server = createServer((req, res) => {
    // The body (none for a GET) is read before the worker is taken, as the gateway reads it first.
    req.resume();
    req.once("end", () => acquire((worker) => invoke(req, res, worker)));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    workers: () => started,
    async close() {
      if (closing) return;
      closing = true;
      const exits = [...all].map(
        (worker) => new Promise<void>((resolve) => worker.child.once("exit", () => resolve())),
      );
      for (const worker of all) worker.child.kill("SIGKILL");
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.all(exits);
    },
  };
}
