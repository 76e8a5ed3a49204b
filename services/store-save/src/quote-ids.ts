import { randomBytes } from "node:crypto";
import type { QuoteId } from "@holonet/contracts/saved-quote";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_BITS = 80n;
const MAX_RANDOM = (1n << RANDOM_BITS) - 1n;

function encode(time: bigint, random: bigint): QuoteId {
  let value = (time << RANDOM_BITS) | random;
  let id = "";
  for (let i = 0; i < 26; i++) {
    id = ALPHABET[Number(value & 31n)] + id;
    value >>= 5n;
  }
  return id;
}

/**
 * A generator of quote ids: ULIDs, 48 bits of milliseconds then 80 random bits, in Crockford base32.
 * Within one instance, ids of the same millisecond count up from the first one's random part, so that
 * every id this instance hands out sorts after the ones before it.
 */
export function createQuoteIds(random: (bytes: number) => Uint8Array = randomBytes) {
  let last = { time: -1n, random: 0n };
  return (now: Date): QuoteId => {
    let time = BigInt(now.getTime());
    let next: bigint;
    if (time <= last.time) {
      time = last.time;
      next = last.random + 1n;
      // 2^80 ids in one millisecond cannot happen, but if it did, borrow the next millisecond.
      if (next > MAX_RANDOM) [time, next] = [time + 1n, 0n];
    } else {
      next = BigInt(`0x${Buffer.from(random(10)).toString("hex")}`);
    }
    last = { time, random: next };
    return encode(time, next);
  };
}
