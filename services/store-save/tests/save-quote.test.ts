import { memoryQuoteStore } from "@holonet/quote-store/memory-quote-store";
import { describe, expect, it } from "vitest";
import { saveQuote } from "../src/save-quote";

const now = () => new Date("2026-11-27T12:00:00.000Z");
const newId = () => "01JDQ3H7Y8ZK4M6N2P9R5T0VWX";

describe("saveQuote", () => {
  it("stores the quote with its id and time, and answers the stored item", async () => {
    const store = memoryQuoteStore();
    const item = await saveQuote({ quote: "It's a trap!", author: "Ackbar" }, { store, now, newId });
    expect(item).toEqual({
      id: "01JDQ3H7Y8ZK4M6N2P9R5T0VWX",
      quote: "It's a trap!",
      author: "Ackbar",
      savedAt: "2026-11-27T12:00:00.000Z",
    });
    expect(await store.get(item.id)).toEqual(item);
  });

  it("leaves the author out when there is none", async () => {
    const item = await saveQuote({ quote: "Hmm." }, { store: memoryQuoteStore(), now, newId });
    expect(item).not.toHaveProperty("author");
  });

  it("passes a store failure on, answering nothing as saved", async () => {
    const store = memoryQuoteStore();
    store.put = async () => {
      throw new Error("disk full");
    };
    await expect(saveQuote({ quote: "x" }, { store, now, newId })).rejects.toThrow("disk full");
  });
});
