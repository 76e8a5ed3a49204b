import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as z from "zod";
import type { Credential, KeyRing } from "./signature-v4";

/**
 * The local cloud's own credentials, one set per data folder: the developer's (for the tools, the tests and
 * the SDK through `pnpm -s local-env`) and the functions' execution role's, temporary credentials with a
 * session token as Lambda gives a function. Nothing else is accepted by its AWS API endpoints.
 */
export const LocalCredentials = z.object({
  developer: z.object({ accessKeyId: z.string(), secretAccessKey: z.string() }),
  functionRole: z.object({ accessKeyId: z.string(), secretAccessKey: z.string(), sessionToken: z.string() }),
});
export type LocalCredentials = z.infer<typeof LocalCredentials>;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** 20 characters like an AWS access key id; the prefix says where it came from (and no scanner takes it for AWS's). */
const accessKeyId = (prefix: string) =>
  prefix + [...randomBytes(20 - prefix.length)].map((byte) => BASE32[byte % 32]).join("");
const secret = () => randomBytes(30).toString("base64");

export function newLocalCredentials(): LocalCredentials {
  return {
    developer: { accessKeyId: accessKeyId("HOLONETDEV"), secretAccessKey: secret() },
    functionRole: {
      accessKeyId: accessKeyId("HOLONETFN"),
      secretAccessKey: secret(),
      sessionToken: randomBytes(48).toString("base64"),
    },
  };
}

export const credentialsPath = (dataDir: string) => path.join(dataDir, "credentials.json");

/**
 * The data folder's credentials, made on first use. The file is readable by its owner alone: anyone who
 * can read it can do anything the developer can do to the local cloud.
 */
export function loadOrCreateCredentials(dataDir: string): LocalCredentials {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = credentialsPath(dataDir);
  try {
    // "wx": of two clouds starting at once on one folder, the second reads what the first wrote.
    writeFileSync(file, `${JSON.stringify(newLocalCredentials(), null, 2)}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  chmodSync(file, 0o600);
  let text: unknown;
  try {
    text = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    text = undefined;
  }
  const parsed = LocalCredentials.safeParse(text);
  if (!parsed.success)
    throw new Error(`${file} is not the local cloud's credentials file: remove it, and a new one is made.`);
  return parsed.data;
}

/** The key ring that accepts exactly these credentials. */
export function keyRingOf(credentials: LocalCredentials): KeyRing {
  const byKey = new Map<string, Credential>([
    [credentials.developer.accessKeyId, credentials.developer],
    [credentials.functionRole.accessKeyId, credentials.functionRole],
  ]);
  return (id) => byKey.get(id);
}

/** The variables that hand a process the function role's credentials, as Lambda sets them in a function. */
export const roleEnvironment = ({ functionRole }: LocalCredentials) => ({
  AWS_ACCESS_KEY_ID: functionRole.accessKeyId,
  AWS_SECRET_ACCESS_KEY: functionRole.secretAccessKey,
  AWS_SESSION_TOKEN: functionRole.sessionToken,
});
