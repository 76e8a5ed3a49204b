import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FUNCTION_NAMES, FUNCTIONS } from "@holonet/infra/app-definition";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { contractSchemas } from "../src/contract-schemas";

// The contract files are for clients in any language: a standard JSON Schema validator must accept the
// services' own sample events with them, and refuse what the services refuse.
const root = path.resolve(import.meta.dirname, "../../../..");
const ajv = addFormats.default(new Ajv2020({ allErrors: true, strict: false }));
const validatorFor = (file: string) => {
  const contract = contractSchemas().find((c) => c.file === file);
  if (!contract) throw new Error(`no ${file}`);
  return ajv.compile(contract.schema);
};

describe("the contract schemas", () => {
  it("accept every direct sample event of each service", () => {
    for (const service of FUNCTION_NAMES) {
      const validate = validatorFor(`${service}.input.schema.json`);
      const dir = path.join(root, FUNCTIONS[service].directory, "events");
      for (const file of readdirSync(dir).filter((name) => name.startsWith("direct-"))) {
        const event = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
        expect(validate(event), `${service} ${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });

  it("refuse a quote that is too long and a field that does not exist", () => {
    const validate = validatorFor("save-quote-input.schema.json");
    expect(validate({ quote: "x".repeat(1001) })).toBe(false);
    expect(validate({ quote: "Do.", mood: "grumpy" })).toBe(false);
    expect(validate({ quote: "Do.", author: "Yoda" })).toBe(true);
  });

  it("have one file per function input and output, and one per HTTP body", () => {
    const files = contractSchemas().map((c) => c.file);
    for (const service of FUNCTION_NAMES)
      expect(files).toEqual(
        expect.arrayContaining([`${service}.input.schema.json`, `${service}.output.schema.json`]),
      );
    expect(files).toEqual(
      expect.arrayContaining(["error-body.schema.json", "saved-quote.schema.json", "quote-page.schema.json"]),
    );
  });
});
