import { readFileSync } from "node:fs";
import path from "node:path";
import { bucketName, FUNCTIONS, RUNTIME } from "@holonet/infra/app-definition";
import { runtimeNode } from "@holonet/lambda-runtime/node-runtimes";
import { keyForId } from "@holonet/quote-store/quote-keys";
import { type BareServer, startBareServer } from "../bare-server";
import { startBenchCloud } from "../bench-cloud";
import type { BenchContext } from "../bench-context";
import { type ChannelFloor, startChannelFloor } from "../channel-floor";
import { type Figure, figure } from "../figures";
import { type Answer, httpRequest } from "../http-client";
import { describeCodes, type LoadSummary, type LoadTarget, loadSet, urlTarget } from "../load-pair";
import { type OfflineCli, startOfflineCli } from "../peers/serverless-offline-cli";
import { progress } from "../progress";
import { runSdkGetLoad } from "../sdk-get-load";
import { dashboardUnderLoad } from "./dashboard-under-load";

const SECTION = "a. Gateway: HTTP API through the local cloud vs its floors and bare node:http";
const PEER = "a. Peer: serverless-offline's HTTP API through its CLI vs the gateway";
const GROWTH = "f. Growth: throughput against connections";
/** Headers that differ per answer or per connection: the bare server sets its own. */
const PER_ANSWER = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);
/** GET /quote's floor (a) and peer levels; GET /quotes/{id}'s floor (b) runs at FLOOR_B_CONNECTIONS. */
const QUOTE_LEVELS = [1, 10, 50];
const FLOOR_B_CONNECTIONS = 10;
const FLOOR_A = "floor (a)";

/** The gateway's answer to a route, to be given back byte for byte by the bare server and floor (a). */
async function fixedAnswer(url: string): Promise<Answer> {
  const answer = await httpRequest(url);
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.body.toString()}`);
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(([name]) => !PER_ANSWER.has(name)),
  );
  return { ...answer, headers };
}

async function savedQuoteId(api: string): Promise<string> {
  const saved = await httpRequest(`${api}/quotes`, {
    method: "POST",
    body: JSON.stringify({ quote: "Do. Or do not. There is no try.", author: "Yoda" }),
  });
  if (saved.status !== 201)
    throw new Error(`POST /quotes answered ${saved.status}: ${saved.body.toString()}`);
  return (JSON.parse(saved.body.toString()) as { id: string }).id;
}

const plural = (connections: number) => `${connections} connection${connections === 1 ? "" : "s"}`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Starts serverless-offline's CLI with the quote bundle; a failure becomes the reason its figures are empty. */
async function startPeer(ctx: BenchContext): Promise<OfflineCli | Error> {
  progress("gateway: starting serverless offline (serverless v3 CLI) with the quote bundle");
  const bundle = path.join(ctx.root, FUNCTIONS.quote.directory, "dist", "handler.mjs");
  try {
    const peer = await startOfflineCli({ bundle, dir: path.join(ctx.tmp, "serverless-offline") });
    const answer = await httpRequest(`${peer.url}/quote?isJedi=true`);
    if (answer.status !== 200 || !answer.body.toString().includes('"quote"'))
      throw new Error(`its GET /quote answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
    return peer;
  } catch (error) {
    return error as Error;
  }
}

/**
 * a: GET /quote at 1, 10 and 50 connections beside floor (a), bare node:http and serverless-offline's CLI;
 * GET /quotes/{id} at 10 connections beside floor (b) (and at 10 and 50 beside bare); the dashboard under
 * load. f: GET /quote beside bare at every connection level of the curve.
 */
export async function gatewaySections(ctx: BenchContext, parts: { gateway: boolean; growth: boolean }) {
  const figures: Figure[] = [];
  const { cloud, close } = await startBenchCloud(ctx.root, ctx.tmp);
  const bares: BareServer[] = [];
  let floorA: ChannelFloor | undefined;
  let pipelined: ChannelFloor | undefined;
  let peer: OfflineCli | Error | undefined;
  try {
    const id = await savedQuoteId(cloud.api);

    // GET /quote.
    const quotePath = "/quote?isJedi=true";
    const quoteAnswer = await fixedAnswer(`${cloud.api}${quotePath}`);
    const bare = await startBareServer(quoteAnswer);
    bares.push(bare);
    const node = runtimeNode(RUNTIME);
    if (parts.gateway) {
      const eventFile = path.join(ctx.root, FUNCTIONS.quote.directory, "events", "http-jedi.json");
      const floorOptions = {
        answer: quoteAnswer,
        event: JSON.parse(readFileSync(eventFile, "utf8")) as Record<string, unknown>,
        execPath: node.execPath,
      };
      floorA = await startChannelFloor(floorOptions);
      pipelined = await startChannelFloor({ ...floorOptions, pipelined: true });
      peer = await startPeer(ctx);
    }
    const levels = [
      ...new Set([
        ...(parts.gateway ? QUOTE_LEVELS : []),
        ...(parts.growth ? ctx.settings.connectionLevels : []),
      ]),
    ].sort((a, b) => a - b);
    for (const connections of levels) {
      progress(`gateway: GET /quote?isJedi=true at ${plural(connections)}`);
      const withFloors = parts.gateway && QUOTE_LEVELS.includes(connections);
      const targets: Record<string, LoadTarget> = {
        bare: urlTarget(`${bare.url}${quotePath}`, connections),
        gateway: urlTarget(`${cloud.api}${quotePath}`, connections),
      };
      if (withFloors && floorA) targets.floorA = urlTarget(`${floorA.url}${quotePath}`, connections);
      if (withFloors && pipelined) targets.pipelined = urlTarget(`${pipelined.url}${quotePath}`, connections);
      if (withFloors && peer && !(peer instanceof Error))
        targets.peer = urlTarget(`${peer.url}${quotePath}`, connections);
      const measured = await loadSet(ctx.settings, targets);
      const { gateway, bare: bareLoad } = measured as Record<"gateway" | "bare", LoadSummary>;
      if (withFloors) {
        figures.push(
          ...quoteFigures(connections, gateway, bareLoad, measured.floorA, floorA?.workers() ?? 0),
        );
        figures.push(pipelinedFigure(connections, bareLoad, measured.floorA, measured.pipelined));
        figures.push(peerFigure(connections, gateway, measured.peer, peer));
      }
      if (parts.growth && ctx.settings.connectionLevels.includes(connections)) {
        figures.push(
          figure({
            section: GROWTH,
            name: `GET /quote?isJedi=true, ${plural(connections)}: throughput`,
            value: gateway.rps,
            unit: "req/s",
            baseline: `bare node:http, same answer, ${plural(connections)}`,
            baselineValue: bareLoad.rps,
            note: `p50 ${gateway.p50.toFixed(2)} ms (bare ${bareLoad.p50.toFixed(2)}), p99 ${gateway.p99.toFixed(2)} ms (bare ${bareLoad.p99.toFixed(2)}); answers: ${describeCodes(gateway.statusCodes)}`,
          }),
        );
      }
    }

    if (parts.gateway) {
      // GET /quotes/{id}: the saved quote, read back through store-get and the local S3.
      const itemPath = `/quotes/${id}`;
      const itemBare = await startBareServer(await fixedAnswer(`${cloud.api}${itemPath}`));
      bares.push(itemBare);
      for (const connections of [FLOOR_B_CONNECTIONS, 50]) {
        progress(`gateway: GET /quotes/{id} at ${plural(connections)}`);
        const targets: Record<string, LoadTarget> = {
          bare: urlTarget(`${itemBare.url}${itemPath}`, connections),
          gateway: urlTarget(`${cloud.api}${itemPath}`, connections),
        };
        if (connections === FLOOR_B_CONNECTIONS) {
          const s3 = { endpoint: cloud.s3, credential: cloud.credentials.functionRole };
          const object = { bucket: bucketName("data", "dev"), key: keyForId(id), connections };
          targets.floorB = (durationSeconds) => runSdkGetLoad(s3, { ...object, durationSeconds });
        }
        const measured = await loadSet(ctx.settings, targets);
        figures.push(...itemFigures(connections, measured));
      }
      progress("gateway: the dashboard's polls, idle and under load");
      figures.push(...(await dashboardUnderLoad(ctx.settings, cloud)));
    }
  } finally {
    if (peer && !(peer instanceof Error)) await peer.close();
    await floorA?.close();
    await pipelined?.close();
    for (const bare of bares) await bare.close();
    await close();
  }
  return figures;
}

/** GET /quote at one level: against floor (a) (the goals), against bare, and floor (a)'s own figures. */
function quoteFigures(
  connections: number,
  gateway: LoadSummary,
  bare: LoadSummary,
  floor: LoadSummary | undefined,
  workers: number,
): Figure[] {
  const at = plural(connections);
  const floorBase = {
    section: SECTION,
    baseline: `floor (a): node:http + one warm worker process per request in flight, ${at}`,
  };
  const bareBase = { section: SECTION, baseline: `bare node:http, same answer, ${at}` };
  const codes = `answers: ${describeCodes(gateway.statusCodes)}`;
  const p99Goal = connections === 10 ? 5 : connections === 50 ? 25 : undefined;
  const floorNote = floor
    ? `floor (a): ${Math.round(floor.rps).toLocaleString("en-US")} req/s, p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)} (${workers} workers started)`
    : "";
  return [
    figure({
      ...floorBase,
      name: `GET /quote?isJedi=true, ${at}: throughput`,
      value: gateway.rps,
      unit: "req/s",
      baselineValue: floor?.rps ?? null,
      ...(connections !== 1 && {
        goal: { text: "≥ 0.5× floor (a)", isMet: (value, limit) => value >= 0.5 * limit },
      }),
      note: `${codes}; ${floorNote}`,
    }),
    figure({
      ...bareBase,
      name: `GET /quote?isJedi=true, ${at}: throughput against bare`,
      value: gateway.rps,
      unit: "req/s",
      baselineValue: bare.rps,
      ...(connections === 10 && {
        goal: { text: "≥ 0.25× bare", isMet: (value, limit) => value >= 0.25 * limit },
        floor: { name: FLOOR_A, value: floor?.rps ?? null },
      }),
      note: `p50 ${ms(gateway.p50)} (bare ${ms(bare.p50)})`,
    }),
    figure({
      ...floorBase,
      name: `GET /quote?isJedi=true, ${at}: p50`,
      value: gateway.p50,
      unit: "ms",
      baselineValue: floor?.p50 ?? null,
    }),
    figure({
      ...floorBase,
      name: `GET /quote?isJedi=true, ${at}: p99`,
      value: gateway.p99,
      unit: "ms",
      baselineValue: floor?.p99 ?? null,
      ...(p99Goal !== undefined && {
        goal: { text: `< ${p99Goal} ms`, isMet: (value) => value < p99Goal },
        floor: { name: `${FLOOR_A}'s p99`, value: floor?.p99 ?? null },
      }),
      note: `bare's p99 ${ms(bare.p99)}`,
    }),
    figure({
      ...bareBase,
      name: `floor (a) itself, ${at}: throughput`,
      value: floor?.rps ?? null,
      unit: "req/s",
      baselineValue: bare.rps,
      note: "the most the design (one invocation per instance process at a time) leaves on this machine",
    }),
    figure({
      ...bareBase,
      name: `floor (a) itself, ${at}: p99`,
      value: floor?.p99 ?? null,
      unit: "ms",
      baselineValue: bare.p99,
      note: floor ? `p50 ${ms(floor.p50)} (bare ${ms(bare.p50)})` : "",
    }),
  ];
}

/**
 * The alternative to floor (a) that was measured and not taken: every request to one warm worker, several
 * invocations in it at once. It is the most a process per function could reach, and it is not Lambda (one
 * invocation per execution environment at a time: module state, /tmp, memory and a crash would be shared).
 */
function pipelinedFigure(
  connections: number,
  bare: LoadSummary,
  floor: LoadSummary | undefined,
  measured: LoadSummary | undefined,
): Figure {
  const at = plural(connections);
  const ratio = measured && floor ? `${(measured.rps / floor.rps).toFixed(2)}× floor (a); ` : "";
  return figure({
    section: SECTION,
    name: `not taken: one worker, invocations pipelined into it, ${at}: throughput`,
    value: measured?.rps ?? null,
    unit: "req/s",
    baseline: `bare node:http, same answer, ${at}`,
    baselineValue: bare.rps,
    note: `${ratio}p99 ${measured ? ms(measured.p99) : "-"}; breaks one invocation per instance (decision 0007)`,
  });
}

/** GET /quote against serverless-offline's HTTP path at one level; empty, with the reason, if it cannot run. */
function peerFigure(
  connections: number,
  gateway: LoadSummary,
  measured: LoadSummary | undefined,
  peer: OfflineCli | Error | undefined,
): Figure {
  const at = plural(connections);
  const who = peer && !(peer instanceof Error) ? peer.versions : "serverless v3 CLI, serverless-offline 13";
  return figure({
    section: PEER,
    name: `GET /quote?isJedi=true, ${at}: throughput`,
    value: gateway.rps,
    unit: "req/s",
    baseline: `serverless offline start (${who}), the quote bundle behind httpApi GET /quote, ${at}`,
    baselineValue: measured?.rps ?? null,
    goal: { text: "≥ 2× serverless-offline", isMet: (value, limit) => value >= 2 * limit },
    note: measured
      ? `gateway p50 ${ms(gateway.p50)}, p99 ${ms(gateway.p99)}; serverless-offline p50 ${ms(measured.p50)}, p99 ${ms(measured.p99)}, answers: ${describeCodes(measured.statusCodes)}`
      : `serverless-offline could not run here: ${peer instanceof Error ? peer.message : "not started"}; section b keeps its in-process Lambda API figure`,
  });
}

/** GET /quotes/{id} at one level: against floor (b) (the goal, at 10 connections) and against bare. */
function itemFigures(connections: number, measured: Record<string, LoadSummary>): Figure[] {
  const { gateway, bare, floorB } = measured as Record<"gateway" | "bare", LoadSummary> & {
    floorB?: LoadSummary;
  };
  const at = plural(connections);
  const figures: Figure[] = [];
  if (floorB) {
    const base = {
      section: SECTION,
      baseline: `floor (b): @aws-sdk/client-s3 GetObject of the same object, ${connections} in parallel from one process, same local S3`,
    };
    figures.push(
      figure({
        ...base,
        name: `GET /quotes/{id}, ${at}: throughput`,
        value: gateway.rps,
        unit: "req/s",
        baselineValue: floorB.rps,
        goal: { text: "≥ 0.5× floor (b)", isMet: (value, limit) => value >= 0.5 * limit },
        note: `answers: ${describeCodes(gateway.statusCodes)}; floor (b) errors: ${floorB.notOk}`,
      }),
      figure({
        ...base,
        name: `GET /quotes/{id}, ${at}: p50`,
        value: gateway.p50,
        unit: "ms",
        baselineValue: floorB.p50,
      }),
      figure({
        ...base,
        name: `GET /quotes/{id}, ${at}: p99`,
        value: gateway.p99,
        unit: "ms",
        baselineValue: floorB.p99,
      }),
    );
  }
  const bareBase = { section: SECTION, baseline: `bare node:http, same answer, ${at}` };
  figures.push(
    figure({
      ...bareBase,
      name: `GET /quotes/{id}, ${at}: throughput against bare`,
      value: gateway.rps,
      unit: "req/s",
      baselineValue: bare.rps,
      note: `answers: ${describeCodes(gateway.statusCodes)}`,
    }),
    figure({
      ...bareBase,
      name: `GET /quotes/{id}, ${at}: p99 against bare`,
      value: gateway.p99,
      unit: "ms",
      baselineValue: bare.p99,
      note: `p50 ${ms(gateway.p50)} (bare ${ms(bare.p50)})`,
    }),
  );
  return figures;
}
