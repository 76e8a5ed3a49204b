import { createRequire } from "node:module";
import type { LocalCredentials } from "@holonet/local-auth/local-credentials";

const require = createRequire(import.meta.url);
interface S3rverAccounts {
  registry: Map<string, unknown>;
  DUMMY_ACCOUNT: {
    createKeyPair(accessKeyId: string, secret: string): void;
    revokeAccessKey(accessKeyId: string): void;
  };
}
const accounts = require("s3rver/lib/models/account.js") as S3rverAccounts;

/**
 * The signature is checked in front of s3rver (its own Signature Version 4 check only looks the key up), so
 * it need only know the keys: as an account, they also let a signed GET override response headers. Its
 * built-in key pair S3RVER/S3RVER, known to everyone, is withdrawn.
 */
export function acceptKeysInS3rver({ developer, functionRole }: LocalCredentials): void {
  accounts.DUMMY_ACCOUNT.revokeAccessKey("S3RVER");
  for (const key of [developer, functionRole])
    if (!accounts.registry.has(key.accessKeyId))
      accounts.DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
}
