import { randomFillSync } from "node:crypto";

// Random bytes are drawn a few kilobytes at a time: one system call serves hundreds of requests.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomBytes(size: number): Buffer {
  if (offset + size > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}

/** An HTTP API request id has AWS's form: 11 random bytes in base64, 16 characters ending in `=` (e.g. `JKJaXmPLvHcESHA=`). */
export const newRequestId = (): string => randomBytes(11).toString("base64");

/**
 * An X-Ray trace header as API Gateway adds it: `Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>`
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader).
 */
export const newTraceId = (epochMs: number): string =>
  `Root=1-${Math.floor(epochMs / 1000)
    .toString(16)
    .padStart(8, "0")}-${randomBytes(12).toString("hex")}`;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

let cachedSecond = -1;
let cachedTime = "";

/** `requestContext.time` in AWS's form, `12/Mar/2020:19:03:58 +0000`; formatted once per second. */
export function requestTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    const d = new Date(second * 1000);
    cachedTime = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
    cachedSecond = second;
  }
  return cachedTime;
}
