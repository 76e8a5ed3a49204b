import { Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordFigures } from "./support/figures";
import { postQuote, sendRaw } from "./support/raw-http";
import { type QuoteToSave, quoteFor, seededRandom } from "./support/seeded-quotes";
import { reportingSeed, SEED, SIZES } from "./support/sizes";
import { NO_THROTTLING, startTestCloud, type TestCloud } from "./support/test-cloud";

interface Saved extends QuoteToSave {
  id: string;
  savedAt: string;
}

let stack: TestCloud;
let agent: Agent;

beforeAll(async () => {
  stack = await startTestCloud({ throttling: NO_THROTTLING });
  agent = new Agent({ keepAlive: true, maxSockets: SIZES.saveConcurrency });
});

afterAll(async () => {
  agent?.destroy();
  await stack?.close();
});

/**
 * A client of the API retries as an AWS client must. A 429 is API Gateway's own throttling: the request was
 * refused before any function ran, so even a save is safe to send again, after a backoff, a bounded number
 * of times. A throttled function is a 500 (services-apigateway-errors.html), which cannot be told from a
 * save that failed after writing: it is not retried, it fails the test.
 */
const MAX_ATTEMPTS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests sent while the saves and reads run, throttled retries included: the figures count them. */
const load = { requests: 0, throttled: 0 };

async function save(quote: QuoteToSave): Promise<Saved> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    load.requests++;
    const answer = await postQuote(stack.cloud.api, quote, agent);
    if (answer.status === 201) return JSON.parse(answer.body.toString("utf8")) as Saved;
    if (answer.status !== 429) {
      throw new Error(
        `save answered ${answer.status}: ${answer.body.toString()} (request ${answer.headers["apigw-requestid"]})\n` +
          `the cloud's last lines:\n${stack.recentLog()}`,
      );
    }
    load.throttled++;
    await sleep(10 + Math.random() * 40);
  }
  throw new Error(`save still throttled after ${MAX_ATTEMPTS} attempts`);
}

async function read(id: string): Promise<unknown> {
  load.requests++;
  const answer = await sendRaw(stack.cloud.api, { method: "GET", path: `/quotes/${id}`, agent });
  if (answer.status !== 200) throw new Error(`GET /quotes/${id} answered ${answer.status}`);
  return JSON.parse(answer.body.toString("utf8"));
}

/** Runs `work` over every item with `concurrency` workers, in order of index within each worker. */
async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

describe("durability", () => {
  it(
    `acknowledges ${SIZES.saves} concurrent saves, reads each back exactly, and keeps them across a restart`,
    () =>
      reportingSeed(async () => {
        const random = seededRandom(SEED);
        const quotes = Array.from({ length: SIZES.saves }, (_, index) => quoteFor(index, random));

        const saved = await inParallel(quotes, SIZES.saveConcurrency, save);
        expect(new Set(saved.map((each) => each.id)).size).toBe(quotes.length);
        saved.forEach((each, index) => {
          expect({ quote: each.quote, author: each.author }).toEqual({
            quote: quotes[index]?.quote,
            author: quotes[index]?.author,
          });
        });

        const readBack = await inParallel(saved, SIZES.saveConcurrency, (each) => read(each.id));
        expect(readBack).toEqual(saved);

        agent.destroy();
        agent = new Agent({ keepAlive: true, maxSockets: SIZES.saveConcurrency });
        await stack.restart();
        const afterRestart = await inParallel(saved, SIZES.saveConcurrency, (each) => read(each.id));
        const lost = saved.filter(
          (each, index) => JSON.stringify(afterRestart[index]) !== JSON.stringify(each),
        ).length;
        recordFigures("durability", {
          savesAttempted: quotes.length,
          concurrency: SIZES.saveConcurrency,
          requestsUnderLoad: load.requests,
          throttledAndRetried: load.throttled,
          itemsAcknowledged: saved.length,
          itemsReadBackAfterRestart: saved.length - lost,
          itemsLost: lost,
        });
        expect(afterRestart).toEqual(saved);
      }),
    SIZES.saves * 100 + 60_000,
  );
});
