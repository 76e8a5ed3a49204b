import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultLogGroup } from "@holonet/lambda-runtime/lambda-context";
import { type CodeInfo, codeInfo, codeKey, unzipCode } from "./zip-code";

/** The configuration a version freezes, beside its code. */
export interface FunctionSettings {
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeout: number;
  memorySize: number;
  environment: Record<string, string>;
  architectures: string[];
  /** LoggingConfig.LogGroup; unset means Lambda's default, `/aws/lambda/<function name>`. */
  logGroup?: string;
  /** TracingConfig.Mode; unset means PassThrough. */
  tracingMode?: "Active" | "PassThrough";
}

/** The log group a version's logs go to. */
export const logGroupOf = (functionName: string, settings: FunctionSettings) =>
  settings.logGroup ?? defaultLogGroup(functionName);

export interface StoredCode extends CodeInfo {
  /** The folder under the function's code/ that holds the unzipped package (and <key>.zip beside it). */
  key: string;
}

export interface VersionRecord {
  version: string;
  settings: FunctionSettings;
  code: StoredCode;
  lastModified: string;
  revisionId: string;
}

export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  revisionId: string;
  /** Extra versions and the share of invocations each gets. */
  additionalVersionWeights?: Record<string, number>;
}

export interface FunctionRecord {
  name: string;
  latest: VersionRecord;
  /** Published versions, oldest first. */
  versions: VersionRecord[];
  aliases: AliasRecord[];
  reservedConcurrency?: number;
  /** Versions are never renumbered, even after a deletion. */
  nextVersion: number;
}

export interface FunctionStore {
  get(name: string): FunctionRecord | undefined;
  list(): FunctionRecord[];
  /** The sum of all functions' reserved concurrency (what unreserved functions cannot use), unsorted. */
  totalReserved(): number;
  /** Writes the record (new or changed) to disk. */
  save(record: FunctionRecord): void;
  remove(name: string): void;
  /** Unzips a package into the function's code folder, once per distinct zip. */
  storeCode(name: string, zip: Uint8Array): StoredCode;
  codeDirectory(name: string, code: StoredCode): string;
  zipPath(name: string, key: string): string;
}

/**
 * Functions on disk: `<dataDir>/functions/<name>/function.json` for the record, and `code/<sha256 hex>/`
 * for each package unzipped. A package is never changed once stored, so a version can point at it.
 */
export function openFunctionStore(dataDir: string): FunctionStore {
  const functionsDir = path.join(dataDir, "functions");
  mkdirSync(functionsDir, { recursive: true });
  const records = new Map<string, FunctionRecord>();
  for (const name of readdirSync(functionsDir)) {
    const file = path.join(functionsDir, name, "function.json");
    if (existsSync(file)) records.set(name, JSON.parse(readFileSync(file, "utf8")) as FunctionRecord);
  }
  const codeRoot = (name: string) => path.join(functionsDir, name, "code");

  return {
    get: (name) => records.get(name),
    list: () => [...records.values()].sort((a, b) => a.name.localeCompare(b.name)),
    // Every invocation asks: a sum over the records, without list()'s copy and locale-aware sort.
    totalReserved() {
      let total = 0;
      for (const record of records.values()) total += record.reservedConcurrency ?? 0;
      return total;
    },
    save(record) {
      const dir = path.join(functionsDir, record.name);
      mkdirSync(dir, { recursive: true });
      // Write then rename, so that a crash never leaves half a record.
      const file = path.join(dir, "function.json");
      writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
      renameSync(`${file}.tmp`, file);
      records.set(record.name, record);
    },
    remove(name) {
      records.delete(name);
      rmSync(path.join(functionsDir, name), { recursive: true, force: true });
    },
    storeCode(name, zip) {
      const key = codeKey(zip);
      const directory = path.join(codeRoot(name), key);
      if (!existsSync(directory)) {
        const staging = `${directory}.partial`;
        rmSync(staging, { recursive: true, force: true });
        mkdirSync(staging, { recursive: true });
        unzipCode(zip, staging);
        writeFileSync(`${directory}.zip`, zip);
        renameSync(staging, directory);
      }
      return { key, ...codeInfo(zip) };
    },
    codeDirectory: (name, code) => path.join(codeRoot(name), code.key),
    zipPath: (name, key) => path.join(codeRoot(name), `${key}.zip`),
  };
}
