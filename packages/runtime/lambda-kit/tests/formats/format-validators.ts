import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import applicationLogSchema from "./application-log.schema.json";
import emfSchema from "./emf.schema.json";

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const emf = ajv.compile(emfSchema);
const applicationLog = ajv.compile(applicationLogSchema);

/** The spec's rules for an EMF document, the schema's and the target members' (every dimension and metric named is a root member). */
export function emfProblems(line: string): string[] {
  const document = JSON.parse(line) as Record<string, unknown> & {
    _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  };
  if (!emf(document)) return (emf.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  const problems: string[] = [];
  for (const directive of document._aws.CloudWatchMetrics) {
    for (const key of directive.Dimensions.flat()) {
      if (typeof document[key] !== "string") problems.push(`dimension ${key} is not a string member`);
    }
    for (const { Name } of directive.Metrics) {
      const value = document[Name];
      const numbers = Array.isArray(value) ? value : [value];
      if (!numbers.every((each) => typeof each === "number")) problems.push(`metric ${Name} is not a number`);
    }
  }
  return problems;
}

export function applicationLogProblems(line: string): string[] {
  const entry = JSON.parse(line) as unknown;
  return applicationLog(entry)
    ? []
    : (applicationLog.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
