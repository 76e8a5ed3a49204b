import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SavedQuote } from "@holonet/contracts/saved-quote";
import { loadOrCreateCredentials } from "@holonet/local-auth/local-credentials";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { afterEach, describe, expect, it } from "vitest";
import { DATA_BUCKET, readS3State } from "./support/data-bucket";
import { type DevProcess, startDevProcess } from "./support/dev-process";
import { recordFigures } from "./support/figures";
import { postQuote, sendRaw } from "./support/raw-http";
import { type QuoteToSave, quoteFor, seededRandom } from "./support/seeded-quotes";
import { reportingSeed, SEED, STRESS } from "./support/sizes";

// `pnpm dev` stopped (SIGINT, SIGTERM) while saves pour in, then started again on the same data folder:
// every acknowledged save is still there, exactly, and nothing under quotes/ is half-written.

const LOAD = STRESS
  ? { connections: 64, acknowledgedBeforeStop: 2_000 }
  : { connections: 8, acknowledgedBeforeStop: 100 };
/** Bounds on the load: no worker sends more than this, and none goes on past the deadline. */
const MAX_REQUESTS_PER_WORKER = LOAD.acknowledgedBeforeStop * 4;
const LOAD_DEADLINE_MS = STRESS ? 180_000 : 60_000;
const MAX_READ_ATTEMPTS = 200;
/** The reads after the restart meet the API's throttling (100 requests a second) too: fewer at once, longer waits. */
const READ_CONNECTIONS = Math.min(LOAD.connections, 16);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let running: DevProcess | undefined;
const dataDirs: string[] = [];

afterEach(() => {
  running?.kill();
  running = undefined;
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Load {
  /** Every quote sent, acknowledged or not: a save cut off by the stop may still have been stored whole. */
  sent: Set<string>;
  acknowledged: Map<string, { sent: QuoteToSave; answer: unknown }>;
  acknowledgedBeforeStop: number;
  notAcknowledged: number;
  throttled: number;
  requests: number;
}

/**
 * Saves distinct quotes at LOAD.connections until enough are acknowledged, sends `signal` and keeps saving
 * until the process has exited: the saves in flight meet the stop.
 */
async function saveThroughStop(dev: DevProcess, signal: NodeJS.Signals, group: boolean) {
  const random = seededRandom(SEED);
  const agent = new Agent({ keepAlive: true, maxSockets: LOAD.connections });
  const load: Load = {
    sent: new Set(),
    acknowledged: new Map(),
    acknowledgedBeforeStop: 0,
    notAcknowledged: 0,
    throttled: 0,
    requests: 0,
  };
  const deadline = Date.now() + LOAD_DEADLINE_MS;
  let next = 0;
  let exited = false;
  let stopping: Promise<number | null> | undefined;

  const worker = async () => {
    for (let sent = 0; sent < MAX_REQUESTS_PER_WORKER && !exited && Date.now() < deadline; sent++) {
      const quote = quoteFor(next++, random);
      load.requests++;
      load.sent.add(quote.quote);
      try {
        const answer = await postQuote(dev.config.api, quote, agent);
        if (answer.status === 201) {
          const body = JSON.parse(answer.body.toString("utf8")) as { id: string };
          load.acknowledged.set(body.id, { sent: quote, answer: body });
        } else if (answer.status === 429 && stopping === undefined) {
          // API Gateway's own throttling refused it before any function ran: safe to send again. A
          // throttled function would be a 500, never retried (see durability.test.ts).
          load.throttled++;
          await sleep(50 + Math.random() * 200);
        } else if (stopping === undefined) {
          throw new Error(`save answered ${answer.status} before the stop: ${answer.body.toString()}`);
        } else {
          load.notAcknowledged++;
        }
      } catch (error) {
        if (stopping === undefined)
          throw new Error(
            `a save before the stop failed: ${(error as Error).message}\n${dev.output().slice(-3000)}`,
          );
        // The stop cut it off (reset, refused): not acknowledged.
        load.notAcknowledged++;
        await sleep(5);
      }
      if (stopping === undefined && load.acknowledged.size >= LOAD.acknowledgedBeforeStop) {
        load.acknowledgedBeforeStop = load.acknowledged.size;
        stopping = dev.stop(signal, { group });
        void stopping.then(
          () => {
            exited = true;
          },
          () => {
            exited = true;
          },
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: LOAD.connections }, worker));
  } finally {
    agent.destroy();
  }
  if (stopping === undefined)
    throw new Error(`only ${load.acknowledged.size} saves acknowledged before the deadline`);
  return { load, exitCode: await stopping };
}

/** GET /quotes/{id}, retried (bounded) while the API throttles. */
async function readQuote(api: string, id: string, agent: Agent): Promise<{ status: number; body: unknown }> {
  for (let attempt = 1; attempt <= MAX_READ_ATTEMPTS; attempt++) {
    const answer = await sendRaw(api, { method: "GET", path: `/quotes/${id}`, agent });
    if (answer.status !== 429) {
      return {
        status: answer.status,
        body: answer.status === 200 ? JSON.parse(answer.body.toString("utf8")) : answer.body.toString(),
      };
    }
    await sleep(50 + Math.random() * 200);
  }
  throw new Error(`GET /quotes/${id} still throttled after ${MAX_READ_ATTEMPTS} attempts`);
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** What s3rver keeps on disk for a key (its object and metadata files), to explain a broken object. */
function filesOnDisk(dataDir: string, key: string): string {
  const folder = path.join(dataDir, "s3", DATA_BUCKET, path.dirname(key));
  const name = path.basename(key);
  try {
    return readdirSync(folder)
      .filter((file) => file.startsWith(name))
      .map((file) => `${file} (${statSync(path.join(folder, file)).size} bytes)`)
      .join(", ");
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every object under quotes/ in the data bucket, read through the S3 endpoint: each must be a whole saved quote. */
async function checkEveryObject(s3Endpoint: string, dataDir: string, sentQuotes: ReadonlySet<string>) {
  // The cloud's own credentials, as `pnpm -s local-env` reads them.
  const credentials = loadOrCreateCredentials(dataDir);
  const { dataKeys } = await readS3State({ s3: s3Endpoint, credentials });
  const keys = dataKeys.filter((key) => key.startsWith("quotes/"));
  const client = new S3Client(localS3ClientConfig({ endpoint: s3Endpoint, credentials }));
  const broken: string[] = [];
  const ids = new Set<string>();
  try {
    await inParallel(keys, 8, async (key) => {
      let text = "";
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: DATA_BUCKET, Key: key }));
        text = (await object.Body?.transformToString("utf-8")) ?? "";
        const item = SavedQuote.parse(JSON.parse(text));
        if (ids.has(item.id)) broken.push(`${key}: ${item.id} is stored twice`);
        ids.add(item.id);
        if (!sentQuotes.has(item.quote)) broken.push(`${key}: a quote this test never sent`);
      } catch (error) {
        broken.push(
          `${key} (${text.length} characters): ${(error as Error).message.slice(0, 200)}; on disk: ${filesOnDisk(dataDir, key)}`,
        );
      }
    });
  } finally {
    client.destroy();
  }
  return { checked: keys.length, broken };
}

describe("pnpm dev stopped mid-load and started again", () => {
  it.each([
    // Ctrl-C in a terminal signals the whole process group: the CLI and its function instances at once.
    { signal: "SIGINT" as const, group: true },
    // A supervisor's `kill <pid>` signals the CLI alone.
    { signal: "SIGTERM" as const, group: false },
  ])(
    `loses no acknowledged save and leaves no half-written object ($signal, ${LOAD.connections} connections)`,
    ({ signal, group }) =>
      reportingSeed(async () => {
        const dataDir = mkdtempSync(path.join(tmpdir(), "holonet-stop-mid-load-"));
        dataDirs.push(dataDir);

        running = await startDevProcess(dataDir);
        const first = running;
        const { load, exitCode } = await saveThroughStop(first, signal, group);
        expect(exitCode, first.output().slice(-3000)).toBe(0);
        expect(first.output()).toContain("Stopped");

        running = await startDevProcess(dataDir);
        const again = running;
        const agent = new Agent({ keepAlive: true, maxSockets: READ_CONNECTIONS });
        const lost: string[] = [];
        try {
          await inParallel([...load.acknowledged], READ_CONNECTIONS, async ([id, { sent, answer }]) => {
            const read = await readQuote(again.config.api, id, agent).catch((error: Error) => {
              throw new Error(
                `reading ${id} after the restart: ${error.message}\n${again.output().slice(-3000)}`,
              );
            });
            const exact =
              read.status === 200 &&
              JSON.stringify(read.body) === JSON.stringify(answer) &&
              (read.body as QuoteToSave).quote === sent.quote &&
              (read.body as QuoteToSave).author === sent.author;
            if (!exact) lost.push(`${id}: ${read.status} ${JSON.stringify(read.body).slice(0, 200)}`);
          });
        } finally {
          agent.destroy();
        }
        const objects = await checkEveryObject(again.config.s3, dataDir, load.sent);

        recordFigures(`stop-mid-load-${signal.toLowerCase()}`, {
          signal,
          connections: LOAD.connections,
          requestsUnderLoad: load.requests,
          throttledAndRetried: load.throttled,
          acknowledgedBeforeStop: load.acknowledgedBeforeStop,
          acknowledged: load.acknowledged.size,
          notAcknowledged: load.notAcknowledged,
          lost: lost.length,
          objectsChecked: objects.checked,
          halfWritten: objects.broken.length,
        });
        expect(await again.stop("SIGTERM")).toBe(0);
        running = undefined;

        expect(lost).toEqual([]);
        expect(objects.broken).toEqual([]);
        expect(objects.checked).toBeGreaterThanOrEqual(load.acknowledged.size);
      }),
    (STRESS ? 420 : 180) * 1000,
  );
});
