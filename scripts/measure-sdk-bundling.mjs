// Measures the choice behind docs/decisions/0002-bundle-the-aws-sdk.md: store-get built with the AWS SDK
// inside its bundle, and built with the SDK left outside (as if the Lambda runtime's own copy were used).
// Run: pnpm build && node scripts/measure-sdk-bundling.mjs [runs]
// Prints the bundle sizes, their deflated sizes, and the median time to start a process and import the
// handler, as a ratio to `node -e 0` measured in the same run.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const service = path.join(root, "services", "store-get");
const out = path.join(service, ".measure");
const runs = Number(process.argv[2] ?? 15);

function build(name, outside) {
  const outDir = path.join(out, name);
  mkdirSync(outDir, { recursive: true });
  const config = `import { lambdaBundle } from "@holonet/bundle-config/lambda-bundle";
export default lambdaBundle({ outDir: ${JSON.stringify(outDir)}, noExternal: [${outside}], external: [] });`;
  const configFile = path.join(service, `tsup.measure-${name}.config.mjs`);
  writeFileSync(configFile, config);
  const result = spawnSync(path.join(service, "node_modules", ".bin", "tsup"), ["--config", configFile], {
    cwd: service,
    encoding: "utf8",
  });
  rmSync(configFile);
  if (result.status !== 0) throw new Error(result.stderr || result.stdout);
  return path.join(outDir, "handler.mjs");
}

function startMs(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env: { ...process.env, DATA_BUCKET: "measure", AWS_REGION: "us-east-1" },
  });
  if (result.status !== 0) throw new Error(result.stderr.toString());
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

rmSync(out, { recursive: true, force: true });
const variants = {
  "SDK bundled": build("bundled", "/.*/"),
  "SDK outside (runtime's copy)": build("external", "/^(?!@aws-sdk\\/|@smithy\\/)/"),
};
const importArgs = (file) => ["--input-type=module", "-e", `await import(${JSON.stringify(file)})`];

// Interleave the variants so that the machine's noise falls on all of them alike.
const times = { floor: [], ...Object.fromEntries(Object.keys(variants).map((k) => [k, []])) };
for (let i = 0; i < runs; i++) {
  times.floor.push(startMs(["-e", "0"]));
  for (const [name, file] of Object.entries(variants)) times[name].push(startMs(importArgs(file)));
}

const floor = median(times.floor);
console.log(
  `node ${process.version}, ${runs} runs each, medians; floor = node -e 0 = ${floor.toFixed(1)} ms\n`,
);
console.log("| variant | bundle | deflated | start + import | ratio to floor |");
console.log("|---|---|---|---|---|");
for (const [name, file] of Object.entries(variants)) {
  const bytes = readFileSync(file);
  const ms = median(times[name]);
  console.log(
    `| ${name} | ${(bytes.length / 1024).toFixed(0)} KB | ${(deflateRawSync(bytes).length / 1024).toFixed(0)} KB | ${ms.toFixed(1)} ms | ${(ms / floor).toFixed(2)} |`,
  );
}
rmSync(out, { recursive: true, force: true });
