import { describe, expect, it } from "vitest";
import { DATA_PREFIX, idFromKey, keyForId } from "../src/quote-keys";

const older = "01JDQ3H7Y8ZK4M6N2P9R5T0VWX";
const newer = "01JDQ3H7Y9000000000000000A";

describe("quote keys", () => {
  it("keeps every quote under the data prefix, as a .json object", () => {
    expect(keyForId(older)).toMatch(new RegExp(`^${DATA_PREFIX}[0-9A-Z]{26}\\.json$`));
  });

  it("gives a newer id a key that S3 lists first", () => {
    expect(newer > older).toBe(true);
    expect(keyForId(newer) < keyForId(older)).toBe(true);
  });

  it("reads the id back from its key", () => {
    expect(idFromKey(keyForId(older))).toBe(older);
    expect(idFromKey(keyForId(newer))).toBe(newer);
  });

  it("reads no id from a key that is not a quote's", () => {
    expect(idFromKey("quotes/readme.txt")).toBeUndefined();
    expect(idFromKey(`other/${keyForId(older).slice(DATA_PREFIX.length)}`)).toBeUndefined();
  });

  it("refuses to make a key from something that is not an id", () => {
    expect(() => keyForId("../../secret")).toThrow(/not a Crockford base32 character/);
  });
});
