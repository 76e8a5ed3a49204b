// Floor (a)'s warm instance: the local cloud's runner with nothing to run. It takes an invocation as the
// runner does (an InvokeMessage on the IPC channel, the event as JSON text) and answers at once as the runner
// does (one end-of-invocation frame on stdout, runner-protocol.ts), with the answer it was started with.
// Plain JavaScript, so that it starts on the function's own Node.js build with no loader.
const payloadJson = process.env.HOLONET_FLOOR_PAYLOAD ?? "null";

process.on("message", (message) => {
  // The runner parses the event before it calls the handler: every invocation pays for it, so the floor does.
  JSON.parse(message.eventJson);
  const result = { type: "result", ok: true, payloadJson, durationMs: 0, maxMemoryMb: 0 };
  process.stdout.write(
    `\u0000holonet-end ${message.invocation.awsRequestId} ${JSON.stringify(result)}\u0000`,
  );
});
