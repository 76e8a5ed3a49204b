import { routeKey } from "@holonet/contracts/routes";
import {
  BUCKETS,
  type BucketAccess,
  type BucketId,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionName,
  functionName,
  ROUTE_STORE_OPERATIONS,
  ROUTES,
  STAGES,
} from "@holonet/infra/app-definition";
import { STORE_S3_CALLS } from "@holonet/quote-store/s3-quote-store";
import { markdownDocument } from "./markdown";

/** The S3 API call each kind of permission in the definition allows. */
const S3_CALLS: Record<BucketAccess["actions"][number], string> = {
  read: "GetObject",
  list: "ListObjectsV2",
  write: "PutObject",
};

/** Mermaid ids: letters, digits and underscores only, so that every renderer takes them. */
const nodeId = (kind: string, name: string) =>
  `${kind}_${name.replace(/[^A-Za-z0-9]+/g, "_").replace(/_+$/, "")}`;

const accessLabel = (use: BucketAccess) =>
  `${use.actions.map((action) => S3_CALLS[action]).join(", ")} ${use.prefix}*`;

const mermaid = (lines: string[]) => ["```mermaid", ...lines, "```"].join("\n");

/**
 * Browser -> website bucket; browser -> HTTP API -> routes -> functions (calls, solid); function -.-> bucket:
 * what its role allows (permissions, dashed), from `uses`.
 */
export function componentDiagram(): string {
  const lines = ["flowchart LR", "  browser([browser])", "  api{{HTTP API - API Gateway}}"];
  for (const bucket of Object.keys(BUCKETS) as BucketId[])
    lines.push(`  ${nodeId("bucket", bucket)}[(${bucket} bucket - S3)]`);
  for (const route of ROUTES) lines.push(`  ${nodeId("route", routeKey(route))}["${routeKey(route)}"]`);
  for (const fn of FUNCTION_NAMES) lines.push(`  ${nodeId("fn", fn)}[lambda ${fn}]`);
  for (const bucket of Object.keys(BUCKETS) as BucketId[])
    if (BUCKETS[bucket].website) lines.push(`  browser -->|website| ${nodeId("bucket", bucket)}`);
  lines.push("  browser -->|HTTPS| api");
  for (const route of ROUTES) {
    const id = nodeId("route", routeKey(route));
    lines.push(`  api --> ${id}`, `  ${id} --> ${nodeId("fn", route.function)}`);
  }
  for (const fn of FUNCTION_NAMES) {
    for (const callee of FUNCTIONS[fn].calls)
      lines.push(`  ${nodeId("fn", fn)} -->|invokes| ${nodeId("fn", callee)}`);
    for (const use of FUNCTIONS[fn].uses)
      lines.push(`  ${nodeId("fn", fn)} -.->|"may ${accessLabel(use)}"| ${nodeId("bucket", use.bucket)}`);
  }
  return mermaid(lines);
}

/** The functions `fn` invokes, as sequence diagram lines, and what each of them does in turn. */
function downstream(fn: FunctionName, caller: string, depth: number): string[] {
  const lines: string[] = [];
  for (const callee of FUNCTIONS[fn].calls) {
    const id = nodeId("fn", callee);
    lines.push(`  ${caller}->>${id}: Invoke ${functionName(callee)}`);
    if (depth < FUNCTION_NAMES.length) lines.push(...downstream(callee, id, depth + 1));
    lines.push(`  ${id}-->>${caller}: result`);
  }
  return lines;
}

/** The S3 calls the route's function makes, in order: a listing is followed by a read of each key in it. */
function storeCalls(route: (typeof ROUTES)[number], caller: string): string[] {
  const operation = ROUTE_STORE_OPERATIONS[routeKey(route)];
  const use = FUNCTIONS[route.function].uses[0];
  if (!operation || !use) return [];
  const bucket = nodeId("bucket", use.bucket);
  const [first, ...rest] = STORE_S3_CALLS[operation];
  const call = (name: string, what: string) => [
    `  ${caller}->>${bucket}: ${name} ${what}`,
    `  ${bucket}-->>${caller}: ${name === "PutObject" ? "stored" : name === "ListObjectsV2" ? "keys" : "object"}`,
  ];
  const lines = first ? call(first, first === "ListObjectsV2" ? `${use.prefix}*` : `${use.prefix}{id}`) : [];
  if (rest.length)
    lines.push("  loop each key listed", ...rest.flatMap((name) => call(name, `${use.prefix}{id}`)), "  end");
  return lines;
}

/** Every function a request to `fn` can reach, `fn` first. */
const reachable = (fn: FunctionName, seen = new Set<FunctionName>()): FunctionName[] => {
  if (seen.has(fn)) return [];
  seen.add(fn);
  return [fn, ...FUNCTIONS[fn].calls.flatMap((callee) => reachable(callee, seen))];
};

/** One request through a route: browser, API Gateway, the function's stage alias, then its S3 calls. */
export function routeSequence(route: (typeof ROUTES)[number]): string {
  const functions = reachable(route.function);
  const buckets = ROUTE_STORE_OPERATIONS[routeKey(route)]
    ? [...new Set(functions.flatMap((fn) => FUNCTIONS[fn].uses.map((use) => use.bucket)))]
    : [];
  const entry = nodeId("fn", route.function);
  const statuses = Object.keys(route.responses).join(", ");
  return mermaid([
    "sequenceDiagram",
    "  participant browser",
    "  participant api as API Gateway",
    `  participant ${entry} as lambda ${route.function} (stage alias)`,
    ...functions.slice(1).map((fn) => `  participant ${nodeId("fn", fn)} as lambda ${fn}`),
    ...buckets.map((bucket) => `  participant ${nodeId("bucket", bucket)} as ${bucket} bucket`),
    `  browser->>api: ${routeKey(route)}`,
    `  api->>${entry}: Invoke ${functionName(route.function)} alias, payload format 2.0`,
    ...downstream(route.function, entry, 0),
    ...storeCalls(route, entry),
    `  ${entry}-->>api: statusCode, headers, body`,
    `  api-->>browser: ${statuses}`,
  ]);
}

/** docs/architecture.md */
export function architectureDocument(): string {
  return markdownDocument([
    "# Architecture",
    "Generated by `pnpm run docs` from [infra/src/app-definition.ts](../infra/src/app-definition.ts) and the route table; do not edit. In the component diagram solid arrows are calls and dashed arrows are permissions (what each function's role allows, from its `uses`); each route's sequence shows the S3 calls its function makes, in order (`STORE_S3_CALLS` in packages/runtime/quote-store, which its tests hold the store to). The API invokes each function through the alias named for the stage (" +
      STAGES.join(", ") +
      ").",
    "## Components",
    componentDiagram(),
    "## Requests, route by route",
    ...ROUTES.flatMap((route) => [`### ${routeKey(route)}`, route.summary, routeSequence(route)]),
  ]);
}
