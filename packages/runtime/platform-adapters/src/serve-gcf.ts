import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startFunctionsFramework } from "./functions-framework-server";

const USAGE = `holonet-serve-gcf --source <entry module> --target <function> [--port <port>] [--host <address>]

Serves a service's Google Cloud Functions entry on the Functions Framework, as Cloud Run functions would.
The port comes from --port, else PORT, else 8080 (the framework's own default); the host is 127.0.0.1
unless --host says otherwise. Store services read DATA_BUCKET and their S3-compatible endpoint and keys
from the environment (docs/platforms.md).`;

const { values } = parseArgs({
  options: {
    source: { type: "string" },
    target: { type: "string" },
    port: { type: "string" },
    host: { type: "string", default: "127.0.0.1" },
    help: { type: "boolean", default: false },
  },
});

if (values.help || !values.source || !values.target) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const port = Number(values.port ?? process.env.PORT ?? "8080");
const source = path.resolve(values.source);

try {
  // The entry module reads its environment and registers the function with the framework as it loads.
  await import(pathToFileURL(source).href);
} catch (error) {
  console.error(`${values.target} cannot start: ${(error as Error).message}`);
  console.error("docs/platforms.md lists the variables each service needs off AWS.");
  process.exit(1);
}

const serving = await startFunctionsFramework({ target: values.target, port, host: values.host });
console.log(`${values.target}: serving on the Functions Framework at ${serving.url}/ (Ctrl-C stops it)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void serving.close().then(() => process.exit(0));
  });
}
