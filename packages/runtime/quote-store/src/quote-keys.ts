import type { QuoteId } from "@holonet/contracts/saved-quote";

/** Every saved quote lives under this prefix of the data bucket, and nothing else does. */
export const DATA_PREFIX = "quotes/";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const KEY_PATTERN = new RegExp(`^${DATA_PREFIX}([${ALPHABET}]{26})\\.json$`);

/**
 * S3 lists keys in ascending order, and the list route answers newest first. So the key holds the id with
 * every character mirrored in the alphabet (0<->Z, 1<->Y, ...): a later id gives an earlier key, and the
 * mapping stays one-to-one, so a key is computed from an id with no lookup.
 */
const mirror = (text: string) =>
  Array.from(text, (char) => {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not a Crockford base32 character: ${char}`);
    return ALPHABET[ALPHABET.length - 1 - index];
  }).join("");

/** The key of a quote's object. Call it only with an id the contract has accepted. */
export const keyForId = (id: QuoteId): string => `${DATA_PREFIX}${mirror(id)}.json`;

/** The id a key holds, or undefined for a key that is not a quote's. */
export function idFromKey(key: string): QuoteId | undefined {
  const match = KEY_PATTERN.exec(key);
  return match?.[1] ? mirror(match[1]) : undefined;
}
