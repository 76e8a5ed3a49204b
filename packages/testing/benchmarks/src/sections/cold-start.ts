import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  bucketName,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  RUNTIME,
} from "@holonet/infra/app-definition";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { runtimeNode } from "@holonet/lambda-runtime/node-runtimes";
import { localS3Environment, startTemporaryS3 } from "@holonet/local-s3/local-s3";
import { unzipSync } from "fflate";
import type { BenchContext } from "../bench-context";
import { bundleComposition } from "../bundle-composition";
import { type Figure, figure } from "../figures";
import { progress } from "../progress";
import { median } from "../stats";
import { timeProcess } from "../timed-process";
import { buildUnbundled, classicZipBytes, type UnbundledBuild } from "../unbundled-build";

const COLD = "c. Cold start: a fresh process to the first answer";
const SIZES = "c. Sizes: bundles and zips";
const KB = 1024;

/** Imports the handler, answers the sample event on stdout: the moment a caller would have its answer. */
const FIRST_ANSWER = `const m = await import(process.env.BENCH_MODULE);
const r = await m.handler(JSON.parse(process.env.BENCH_EVENT), { awsRequestId: "cold", getRemainingTimeInMillis: () => 3000 });
process.stdout.write(JSON.stringify(r) + "\\n");
process.exit(0);`;
/** The floor: a process of the same Node.js build that starts and answers at once. */
const FLOOR = 'process.stdout.write("0\\n")';

interface Variant {
  key: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * c: the time from spawning a process to the handler's first answer, per service, against `node -e 0`. Both
 * run on the functions' own Node.js build (@holonet/node-builds, the one their local instances start on), not
 * the bench's: a start's cost depends on the Node.js major, and a floor of another major would not bound it.
 */
export async function coldStartSection(ctx: BenchContext): Promise<Figure[]> {
  const node = runtimeNode(RUNTIME);
  const s3 = await startTemporaryS3([{ name: bucketName("data", "dev") }]);
  try {
    const baseEnv = {
      PATH: process.env.PATH,
      ...localS3Environment(s3.endpoint, s3.credentials.functionRole),
      DATA_BUCKET: bucketName("data", "dev"),
      // The SDK warns of Node.js versions it will drop; whatever the build, Lambda prints no such line.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    const unbundled = new Map<FunctionName, UnbundledBuild>();
    const variants: Variant[] = [{ key: "floor", args: ["-e", FLOOR], env: baseEnv }];
    for (const service of FUNCTION_NAMES) {
      const dir = path.join(ctx.root, FUNCTIONS[service].directory);
      progress(`cold start: building ${service} unbundled (its packages left in node_modules)`);
      const classic = await buildUnbundled(dir, path.join(ctx.tmp, "unbundled", service));
      unbundled.set(service, classic);
      const event = readFileSync(path.join(dir, FUNCTIONS[service].smokeEvent), "utf8");
      const run = (file: string, flags: string[] = []) => ({
        args: [...flags, "--input-type=module", "-e", FIRST_ANSWER],
        env: { ...baseEnv, BENCH_MODULE: pathToFileURL(file).href, BENCH_EVENT: event },
      });
      const bundle = path.join(dir, "dist", "handler.mjs");
      variants.push(
        { key: `${service}:bundle`, ...run(bundle) },
        // What the local cloud runs: the published zip's files, with source maps on (packages/local-cloud/lambda-runtime).
        {
          key: `${service}:bundle+maps`,
          ...run(unzipped(path.join(dir, "dist"), path.join(ctx.tmp, "zipped", service)), [
            "--enable-source-maps",
          ]),
        },
        { key: `${service}:unbundled`, ...run(classic.file) },
      );
    }

    // Interleaved, so that the machine's noise falls on every variant alike.
    const times = new Map<string, number[]>(variants.map((each) => [each.key, []]));
    for (let run = 0; run < ctx.settings.coldRuns; run++) {
      progress(`cold start: run ${run + 1} of ${ctx.settings.coldRuns}`);
      for (const variant of variants) {
        const timed = await timeProcess(node.execPath, variant.args, {
          env: variant.env,
          until: "first-output",
          timeoutMs: 30_000,
        });
        if (timed.code !== 0) throw new Error(`${variant.key} failed (exit ${timed.code}): ${timed.stderr}`);
        times.get(variant.key)?.push(timed.ms);
      }
    }
    const ms = (key: string) => median(times.get(key) ?? []);
    const floor = ms("floor");
    const figures: Figure[] = [];
    for (const service of FUNCTION_NAMES) {
      const base = {
        section: COLD,
        unit: "ms",
        baseline: `node -e 0 on Node.js ${node.version}, the functions' ${RUNTIME} build (the floor)`,
        baselineValue: floor,
      };
      figures.push(
        figure({
          ...base,
          name: `${service}: bundle`,
          value: ms(`${service}:bundle`),
          goal: { text: "within 50 ms of the floor", isMet: (value, limit) => value - limit < 50 },
          note: `${(ms(`${service}:bundle`) - floor).toFixed(1)} ms over the floor; no compile cache (a first cold start)`,
        }),
        figure({
          ...base,
          name: `${service}: bundle, --enable-source-maps (as the local cloud starts instances)`,
          value: ms(`${service}:bundle+maps`),
          note: `${(ms(`${service}:bundle+maps`) - ms(`${service}:bundle`)).toFixed(1)} ms more than the bundle alone; run from the files of its zip (zipDirectory), as the local Lambda unzips them`,
        }),
        figure({
          ...base,
          name: `${service}: unbundled, packages from node_modules (the classic zip)`,
          value: ms(`${service}:unbundled`),
          note: `${(ms(`${service}:unbundled`) / ms(`${service}:bundle`)).toFixed(2)}× the bundle's time`,
        }),
      );
    }
    figures.push(...(await sizeFigures(ctx, unbundled)));
    return figures;
  } finally {
    await s3.close();
  }
}

/** The files of a dist folder's zip, as the local Lambda unzips them; the handler's path. */
function unzipped(dist: string, into: string): string {
  for (const [name, bytes] of Object.entries(unzipSync(zipDirectory(dist)))) {
    mkdirSync(path.dirname(path.join(into, name)), { recursive: true });
    writeFileSync(path.join(into, name), bytes);
  }
  return path.join(into, "handler.mjs");
}

async function sizeFigures(
  ctx: BenchContext,
  unbundled: Map<FunctionName, UnbundledBuild>,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const service of FUNCTION_NAMES) {
    const dir = path.join(ctx.root, FUNCTIONS[service].directory);
    const dist = path.join(dir, "dist");
    const bundle = statSync(path.join(dist, "handler.mjs")).size;
    let map = 0;
    try {
      map = statSync(path.join(dist, "handler.mjs.map")).size;
    } catch {
      // No source map beside the bundle.
    }
    const zip = zipDirectory(dist).length;
    const classic = classicZipBytes(unbundled.get(service) as UnbundledBuild);
    const base = {
      section: SIZES,
      unit: "KB",
      baseline: "the classic zip: handler + node_modules",
      baselineValue: classic.bytes / KB,
    };
    const composition = await bundleComposition(dir);
    const [largest = "-", largestBytes = 0] = [...composition.parts].sort((a, b) => b[1] - a[1])[0] ?? [];
    const share = (bytes: number) => `${((100 * bytes) / composition.total).toFixed(0)}%`;
    figures.push(
      figure({
        ...base,
        name: `${service}: zip (zipDirectory of dist/)`,
        value: zip / KB,
        ...(service === "quote" && { goal: { text: "< 30 KB", isMet: (value) => value < 30 } }),
        note: `dist/ holds handler.mjs${map > 0 ? " and handler.mjs.map" : ""}; classic zip: ${classic.files.toLocaleString("en-US")} files`,
      }),
      figure({
        ...base,
        name: `${service}: bundle (handler.mjs)`,
        value: bundle / KB,
        note: map > 0 ? `source map beside it: ${(map / KB).toFixed(0)} KB` : "no source map beside it",
      }),
      figure({
        section: SIZES,
        name: `${service}: the bundle's largest part, ${largest}`,
        value: largestBytes / KB,
        unit: "KB",
        baseline: "the whole bundle (esbuild's metafile)",
        baselineValue: composition.total / KB,
        note: [...composition.parts]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([part, bytes]) => `${part} ${share(bytes)}`)
          .join(", "),
      }),
    );
  }
  return figures;
}
