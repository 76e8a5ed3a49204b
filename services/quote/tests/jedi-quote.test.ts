import { NOT_A_JEDI_MESSAGE } from "@holonet/contracts/quote";
import { describe, expect, it } from "vitest";
import { quoteFor } from "../src/jedi-quote";

describe("quoteFor", () => {
  it("gives a Jedi a quote", () => {
    expect(quoteFor(true, () => "Hello there.")).toEqual({ quote: "Hello there." });
  });

  it("refuses anyone else with the classic lambda's message, as a 403", () => {
    expect(() => quoteFor(false, () => "unused")).toThrow(
      expect.objectContaining({ name: "ForbiddenError", message: NOT_A_JEDI_MESSAGE, status: 403 }),
    );
  });
});
