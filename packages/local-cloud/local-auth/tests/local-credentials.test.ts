import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  credentialsPath,
  keyRingOf,
  loadOrCreateCredentials,
  newLocalCredentials,
} from "../src/local-credentials";

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(tmpdir(), "holonet-credentials-")), "cloud");
});
afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

describe("a data folder's credentials", () => {
  it("are made once, in a file and a folder only their owner can read, and read back the same", () => {
    const first = loadOrCreateCredentials(dataDir);
    expect(statSync(credentialsPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(loadOrCreateCredentials(dataDir)).toEqual(first);
  });

  it("are new for every folder: a developer key, and a role key with a session token", () => {
    const [a, b] = [newLocalCredentials(), newLocalCredentials()];
    expect(a.developer.accessKeyId).not.toBe(b.developer.accessKeyId);
    expect(a.developer.accessKeyId).toMatch(/^HOLONETDEV[A-Z2-7]{10}$/);
    expect(a.functionRole.accessKeyId).toMatch(/^HOLONETFN[A-Z2-7]{11}$/);
    expect(a.functionRole.sessionToken.length).toBeGreaterThan(40);
  });

  it("tighten a file that others could read", () => {
    loadOrCreateCredentials(dataDir);
    const file = credentialsPath(dataDir);
    rmSync(file);
    writeFileSync(file, JSON.stringify(newLocalCredentials()), { mode: 0o644 });
    loadOrCreateCredentials(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("name the file to remove when it is not theirs", () => {
    loadOrCreateCredentials(dataDir);
    writeFileSync(credentialsPath(dataDir), '{"developer":{}}');
    expect(() => loadOrCreateCredentials(dataDir)).toThrow(
      /credentials\.json is not the local cloud's credentials file: remove it/,
    );
  });

  it("make a key ring that knows exactly their two keys", () => {
    const credentials = newLocalCredentials();
    const keys = keyRingOf(credentials);
    expect(keys(credentials.developer.accessKeyId)).toEqual(credentials.developer);
    expect(keys(credentials.functionRole.accessKeyId)).toEqual(credentials.functionRole);
    expect(keys("S3RVER")).toBeUndefined();
  });
});
