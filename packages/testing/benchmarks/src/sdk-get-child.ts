/**
 * Floor (b)'s load: the real @aws-sdk/client-s3 GetObject of one object, `connections` loops in parallel from
 * this one process for the run's duration, against a running local S3. The client is made as the functions
 * make theirs (`new S3Client({})`, configured by the environment the local Lambda gives them, which the
 * parent passes on), and each answer's body is read in full, as the store reads it. argv[2]: SdkGetOptions
 * (JSON); prints a LoadResult as JSON.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { LoadResult } from "./load";
import type { SdkGetOptions } from "./sdk-get-load";
import { percentile } from "./stats";

/** Before the timed run: the client's first calls (its sockets, its middleware stack) are not the floor. */
const WARM_UP_CALLS = 50;

const options = JSON.parse(process.argv[2] ?? "{}") as SdkGetOptions;
const host = new URL(process.env.AWS_ENDPOINT_URL_S3 ?? "").hostname;
if (host !== "127.0.0.1" && host !== "localhost") throw new Error(`Load goes to loopback only, not ${host}.`);

const client = new S3Client({});
const get = async () => {
  const answer = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: options.key }));
  await answer.Body?.transformToString("utf-8");
};
for (let i = 0; i < WARM_UP_CALLS; i++) await get();

const latencies: number[] = [];
let errors = 0;
const started = performance.now();
const end = started + options.durationSeconds * 1000;
await Promise.all(
  Array.from({ length: options.connections }, async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        await get();
        latencies.push(performance.now() - sent);
      } catch {
        errors++;
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const output: LoadResult = {
  connections: options.connections,
  durationSeconds: seconds,
  ok: latencies.length,
  notOk: 0,
  errors,
  rps: latencies.length / seconds,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  statusCodes: { 200: latencies.length },
};
process.stdout.write(`${JSON.stringify(output)}\n`);
client.destroy();
