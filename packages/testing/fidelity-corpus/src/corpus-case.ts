/**
 * One case of the corpus: a function package (corpus/<case>/) and AWS Lambda's own result for it per runtime
 * (corpus/<case>/expected.json), each expectation with the source it comes from.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { z } from "zod";

export const RUNTIMES = ["nodejs22.x", "nodejs24.x"] as const;
export type Runtime = (typeof RUNTIMES)[number];

const Logs = {
  /** Text the invocation's log tail holds, as Lambda would write it. */
  logIncludes: z.array(z.string()).optional(),
  /** Text it must not hold. */
  logExcludes: z.array(z.string()).optional(),
  /** Why the expectation is not confirmed from AWS's sources or from Lambda's own output. */
  unconfirmed: z.string().optional(),
};

const Answered = z.strictObject({ payload: z.unknown(), ...Logs });
const Failed = z.strictObject({
  functionError: z.literal("Unhandled"),
  errorType: z.string(),
  /** `{requestId}` stands for the invocation's request id. */
  errorMessage: z.string(),
  ...Logs,
});
export const Expectation = z.union([Answered, Failed]);
export type Expectation = z.infer<typeof Expectation>;

export const CaseDefinition = z.strictObject({
  description: z.string(),
  handler: z.string(),
  event: z.unknown(),
  memorySize: z.number().int().optional(),
  /** node_modules/<name> of the package, from dependencies/<folder> of this package. */
  dependencies: z.record(z.string(), z.string()).optional(),
  source: z.string(),
  results: z.record(z.enum(RUNTIMES), Expectation),
});
export type CaseDefinition = z.infer<typeof CaseDefinition>;

export interface CorpusCase extends CaseDefinition {
  name: string;
  folder: string;
}

const PACKAGE_ROOT = path.dirname(import.meta.dirname);
export const CORPUS_DIR = path.join(PACKAGE_ROOT, "corpus");
const DEPENDENCIES_DIR = path.join(PACKAGE_ROOT, "dependencies");

export function corpusCases(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .sort()
    .map((name) => {
      const folder = path.join(CORPUS_DIR, name);
      const definition = CaseDefinition.parse(
        JSON.parse(readFileSync(path.join(folder, "expected.json"), "utf8")),
      );
      return { ...definition, name, folder };
    });
}

function filesUnder(dir: string, prefix = ""): [string, Uint8Array][] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? filesUnder(full, `${prefix}${name}/`)
      : [[`${prefix}${name}`, readFileSync(full)] as [string, Uint8Array]];
  });
}

/** The case's deployment package, as its zip would ship: its files and node_modules, expected.json left out. */
export function zipCase(corpusCase: CorpusCase): Uint8Array {
  const own = filesUnder(corpusCase.folder).filter(([name]) => name !== "expected.json");
  const dependencies = Object.entries(corpusCase.dependencies ?? {}).flatMap(([name, folder]) =>
    filesUnder(path.join(DEPENDENCIES_DIR, folder), `node_modules/${name}/`),
  );
  return zipSync(Object.fromEntries([...own, ...dependencies]));
}
