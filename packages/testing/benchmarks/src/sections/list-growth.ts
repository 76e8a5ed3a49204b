import { randomBytes } from "node:crypto";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { bucketName } from "@holonet/infra/app-definition";
import { localS3ClientConfig } from "@holonet/local-s3/local-s3";
import { DATA_PREFIX, keyForId } from "@holonet/quote-store/quote-keys";
import { startBenchCloud } from "../bench-cloud";
import type { BenchContext } from "../bench-context";
import { type Figure, figure } from "../figures";
import { httpRequest } from "../http-client";
import { progress } from "../progress";
import { percentile } from "../stats";

const SECTION = "f. Growth: GET /quotes against the number of saved items";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PUTS_IN_FLIGHT = 16;
/** The list route's default page (LIST_DEFAULT_LIMIT in packages/runtime/contracts). */
const PAGE = 20;

/** A ULID for the given time: 10 characters of milliseconds, 16 of randomness. */
function ulid(ms: number): string {
  let time = "";
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32] + time;
  const random = Array.from(randomBytes(16), (byte) => CROCKFORD[byte % 32]).join("");
  return time + random;
}

/** Saves `count` more quotes straight into the data bucket, as store-save would have written them. */
async function seed(client: S3Client, bucket: string, from: number, count: number) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const at = Date.UTC(2026, 0, 1) + (from + i) * 1000;
      const item = {
        id: ulid(at),
        quote: `Saved quote number ${from + i}.`,
        savedAt: new Date(at).toISOString(),
      };
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: keyForId(item.id),
          Body: JSON.stringify(item),
          ContentType: "application/json",
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: PUTS_IN_FLIGHT }, worker));
}

async function timeCalls(count: number, call: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

/** f: GET /quotes (one page, newest first) at 100, 1,000 and 10,000 saved items, and S3's own list beside it. */
export async function listGrowthSection(ctx: BenchContext): Promise<Figure[]> {
  const { cloud, close } = await startBenchCloud(ctx.root, ctx.tmp);
  const s3 = new S3Client(localS3ClientConfig({ endpoint: cloud.s3, credentials: cloud.credentials }));
  const bucket = bucketName("data", "dev");
  try {
    const results: { items: number; api: number[]; list: number[] }[] = [];
    let saved = 0;
    for (const items of ctx.settings.listLevels) {
      progress(`list growth: saving ${(items - saved).toLocaleString("en-US")} quotes through the S3 API`);
      await seed(s3, bucket, saved, items - saved);
      saved = items;
      progress(`list growth: timing GET /quotes at ${items.toLocaleString("en-US")} items`);
      const page = async () => {
        const answer = await httpRequest(`${cloud.api}/quotes`);
        const body = JSON.parse(answer.body.toString()) as { items?: unknown[] };
        if (answer.status !== 200 || body.items?.length !== PAGE)
          throw new Error(`GET /quotes answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
      };
      const list = () =>
        s3
          .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: DATA_PREFIX, MaxKeys: PAGE }))
          .then(() => {});
      await timeCalls(10, page);
      const api = await timeCalls(ctx.settings.listRequests, page);
      const direct = await timeCalls(ctx.settings.listRequests, list);
      results.push({ items, api, list: direct });
    }
    const first = results[0];
    if (!first) return [];
    const p50 = (times: number[]) => percentile(times, 50);
    return results.flatMap(({ items, api, list }) => [
      figure({
        section: SECTION,
        name: `GET /quotes (a page of ${PAGE}), ${items.toLocaleString("en-US")} items: p50`,
        value: p50(api),
        unit: "ms",
        baseline: `the same at ${first.items.toLocaleString("en-US")} items`,
        baselineValue: p50(first.api),
        ...(items !== first.items && {
          goal: {
            text: "flat: ≤ 1.5× the cost at the smallest size",
            isMet: (value, base) => value <= 1.5 * base,
          },
        }),
        note: `p99 ${percentile(api, 99).toFixed(2)} ms; a page is one ListObjectsV2 and ${PAGE} GetObject in the function`,
      }),
      figure({
        section: SECTION,
        name: `S3 ListObjectsV2 (MaxKeys ${PAGE}) straight to the local S3, ${items.toLocaleString("en-US")} items: p50`,
        value: p50(list),
        unit: "ms",
        baseline: `the same at ${first.items.toLocaleString("en-US")} items`,
        baselineValue: p50(first.list),
        note: `p99 ${percentile(list, 99).toFixed(2)} ms; the part of a page the local S3 (s3rver) answers for`,
      }),
    ]);
  } finally {
    s3.destroy();
    await close();
  }
}
