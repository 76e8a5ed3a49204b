import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { FUNCTIONS, type FunctionName } from "@holonet/infra/app-definition";
import { findJsonSyntaxError } from "./json-syntax";

export interface SampleEvent {
  /** The file's name in the service's events/ folder. */
  file: string;
  event: unknown;
}

/** An event file that is not JSON: where, and what is wrong there. */
export class EventFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "EventFileError";
  }
}

/** The paths of a service's sample events, sorted by name. */
export function sampleEventFiles(root: string, service: FunctionName): string[] {
  const dir = path.join(root, FUNCTIONS[service].directory, "events");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => path.join(dir, file));
}

/**
 * An event file's JSON. A syntax error names the file, the line and column, and shows the line:
 * `Cannot parse the event events/bad.json as JSON (line 3, column 8): expected a value, found '}'.`
 * `shownAs` is the path as the user should read it.
 */
export function readEventFile(file: string, shownAs = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new EventFileError(file, `Cannot read the event ${shownAs}: ${reason}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    if (!syntax) throw new EventFileError(file, `${shownAs} is not valid JSON: ${(error as Error).message}`);
    const gutter = `${syntax.line} | `;
    throw new EventFileError(
      file,
      [
        `Cannot parse the event ${shownAs} as JSON (line ${syntax.line}, column ${syntax.column}): ${syntax.problem}.`,
        `  ${gutter}${syntax.text}`,
        `  ${" ".repeat(gutter.length + syntax.column - 1)}^`,
      ].join("\n"),
    );
  }
}

/** Every sample event of a service, by file name. */
export function sampleEvents(root: string, service: FunctionName): SampleEvent[] {
  return sampleEventFiles(root, service).map((file) => ({
    file: path.basename(file),
    event: readEventFile(file, path.relative(root, file)),
  }));
}
