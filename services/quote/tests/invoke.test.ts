import path from "node:path";
import type { FunctionName } from "@holonet/contracts/functions";
import { zipDirectory } from "@holonet/lambda-deploy/bundle-zip";
import { type InvokeOutcome, invokeOnce } from "@holonet/local-invoke/invoke-bundle";
import { sampleEvents } from "@holonet/local-invoke/sample-events";
import { serviceFunction } from "@holonet/local-invoke/service-function";
import starwars from "starwars";
import { describe, expect, it } from "vitest";

// The built bundle (dist/handler.mjs), run as Lambda would run it, on every sample event in events/.
const root = path.resolve(import.meta.dirname, "../../..");
const service: FunctionName = "quote";
const fn = serviceFunction(root, service, "dev");

const httpBody = (outcome: InvokeOutcome) => JSON.parse((outcome.payload as { body: string }).body);
const isStarWarsQuote = (quote: unknown) => expect(starwars.quotes).toContain(quote);

const expectations: Record<string, (outcome: InvokeOutcome) => void> = {
  "direct-jedi.json": (outcome) => isStarWarsQuote((outcome.payload as { quote: string }).quote),
  "direct-not-jedi.json": (outcome) =>
    expect(outcome.error).toMatchObject({
      errorType: "ForbiddenError",
      errorMessage: "Sorry you can't get a quote",
    }),
  "http-jedi.json": (outcome) => {
    expect(outcome.payload).toMatchObject({ statusCode: 200 });
    isStarWarsQuote(httpBody(outcome).quote);
  },
  "http-not-jedi.json": (outcome) => {
    expect(outcome.payload).toMatchObject({ statusCode: 403 });
    expect(httpBody(outcome).error.message).toBe("Sorry you can't get a quote");
  },
  "http-no-query.json": (outcome) => expect(outcome.payload).toMatchObject({ statusCode: 403 }),
};

describe(`${service} bundle on its sample events`, () => {
  const samples = sampleEvents(root, service);

  it("has an expectation for every sample event", () => {
    expect(samples.map((sample) => sample.file)).toEqual(Object.keys(expectations).sort());
  });

  it.each(samples)("$file", async ({ file, event }) => {
    const outcome = await invokeOnce(fn, event);
    expectations[file]?.(outcome);
    expect(outcome.initDurationMs).toBeGreaterThan(0);
  });
});

// The zip is what a cold start downloads. Classic zod alone made it 43 KB; with the contracts in zod/mini
// it is about 23 KB (docs/decisions/0015-lean-contracts-in-bundles.md). A schema written with classic zod
// anywhere on quote's import path brings every method of it back, and this is where that shows.
it("zips to less than 30 KB", () => {
  expect(zipDirectory(path.join(import.meta.dirname, "../dist")).length).toBeLessThan(30_000);
});
