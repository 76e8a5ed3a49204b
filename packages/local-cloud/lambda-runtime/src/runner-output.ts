/**
 * The runner's stdout: the function's output, in Lambda's log format, and the end-of-invocation frames.
 * Lambda freezes a sandbox once an invocation has its answer, so nothing the function left running (a timer
 * after an early answer) writes until the next invocation thaws it. This process is not frozen; what the
 * function writes while no invocation is open is dropped instead, so that it cannot show up in the next
 * invocation's logs.
 */
import { format } from "node:util";

type Write = typeof process.stdout.write;

const streamWrite: Write = process.stdout.write.bind(process.stdout);
let open = false;
let requestId = "";

/** Drops the chunk while no invocation is open; calls a write's callback either way. */
const functionWrite = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
  if (open) return streamWrite(chunk as string, encoding as BufferEncoding, callback as () => void);
  const done = typeof encoding === "function" ? encoding : callback;
  if (typeof done === "function") process.nextTick(done);
  return true;
}) as Write;

// One stream keeps the function's output in the order it was written (Lambda has one log stream too).
process.stdout.write = functionWrite;
process.stderr.write = functionWrite;

// Lambda's Node.js runtime prefixes console output with the time, the request id and the level.
for (const [method, level] of [
  ["log", "INFO"],
  ["info", "INFO"],
  ["warn", "WARN"],
  ["error", "ERROR"],
  ["debug", "DEBUG"],
  ["trace", "TRACE"],
] as const) {
  console[method] = (...args: unknown[]) => {
    functionWrite(`${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}\n`);
  };
}

/**
 * An invocation (with its init, on a cold start) begins: the function's output is its log, its lines marked
 * with this request id. nodejs22.x's client has none during the init, and writes "undefined" (3.x
 * src/LogPatch.js; Lambda's init logs show `<time>\tundefined\tERROR\tUncaught Exception ...`).
 */
export function openInvocationLog(id: string): void {
  open = true;
  requestId = id;
}

/** The request id the function's log lines carry from now on. */
export function markLogLines(id: string): void {
  requestId = id;
}

/** The invocation has its answer: the frame that carries it, then silence until the next one. */
export function closeInvocationLog(frame: string, written?: () => void): void {
  streamWrite(frame, written);
  open = false;
}
