/**
 * The local cloud in a process of its own, started as the bench starts it, with one quote saved. It prints
 * `{"api", "id"}`, then obeys lines on stdin: `start` begins a CPU profile of this process (V8's sampling
 * profiler, as node --cpu-prof runs it, but over the load alone rather than the start-up too), `stop <file>`
 * writes it; stdin's end closes the cloud. argv: <root> <tmp> [<service to inspect> <inspector port>].
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { isFunctionName } from "@holonet/infra/app-definition";
import { FREE_PORTS, startLocalCloud } from "@holonet/local-cloud/local-cloud";
import { UNTHROTTLED } from "./bench-cloud";
import { closeHttpClient, httpRequest } from "./http-client";

const [root = "", tmp = "", service, port] = process.argv.slice(2);
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const dataDir = mkdtempSync(path.join(tmp, "profile-cloud-"));
const cloud = await startLocalCloud({
  root,
  dataDir,
  ports: FREE_PORTS,
  throttling: UNTHROTTLED,
  ...(service && isFunctionName(service) && { inspect: { service, port: Number(port) } }),
});
const saved = await httpRequest(`${cloud.api}/quotes`, {
  method: "POST",
  body: JSON.stringify({ quote: "Never tell me the odds.", author: "Han Solo" }),
});
const { id } = JSON.parse(saved.body.toString()) as { id: string };
const session = new Session();
session.connect();
await session.post("Profiler.enable");
process.stdout.write(`${JSON.stringify({ api: cloud.api, id })}\n`);

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  const [command, file] = line.split(" ");
  if (command === "start") await session.post("Profiler.start");
  if (command === "stop" && file) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
  }
  process.stdout.write(`${command} done\n`);
});
lines.once("close", async () => {
  session.disconnect();
  closeHttpClient();
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
