import { type BareServer, startBareServer } from "../bare-server";
import { startBenchCloud } from "../bench-cloud";
import type { BenchContext } from "../bench-context";
import { type Figure, figure } from "../figures";
import { type Answer, httpRequest } from "../http-client";
import { describeCodes, loadPair } from "../load-pair";
import { progress } from "../progress";
import { dashboardUnderLoad } from "./dashboard-under-load";

const SECTION = "a. Gateway: HTTP API through the local cloud vs bare node:http";
const GROWTH = "f. Growth: throughput against connections";
/** Headers that differ per answer or per connection: the bare server sets its own. */
const PER_ANSWER = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);

/** The gateway's answer to a route, to be given back byte for byte by the bare server. */
async function fixedAnswer(url: string): Promise<Answer> {
  const answer = await httpRequest(url);
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.body.toString()}`);
  const headers = Object.fromEntries(
    Object.entries(answer.headers).filter(([name]) => !PER_ANSWER.has(name)),
  );
  return { ...answer, headers };
}

async function savedQuoteId(api: string): Promise<string> {
  const saved = await httpRequest(`${api}/quotes`, {
    method: "POST",
    body: JSON.stringify({ quote: "Do. Or do not. There is no try.", author: "Yoda" }),
  });
  if (saved.status !== 201)
    throw new Error(`POST /quotes answered ${saved.status}: ${saved.body.toString()}`);
  return (JSON.parse(saved.body.toString()) as { id: string }).id;
}

/** a: both GET routes at 10 and 50 connections; f: GET /quote at every connection level. */
export async function gatewaySections(ctx: BenchContext, parts: { gateway: boolean; growth: boolean }) {
  const figures: Figure[] = [];
  const { cloud, close } = await startBenchCloud(ctx.root, ctx.tmp);
  const bares: BareServer[] = [];
  try {
    const id = await savedQuoteId(cloud.api);
    const routes = [
      { label: "GET /quote?isJedi=true", path: "/quote?isJedi=true" },
      { label: "GET /quotes/{id}", path: `/quotes/${id}` },
    ];
    for (const route of routes) {
      const bare = await startBareServer(await fixedAnswer(`${cloud.api}${route.path}`));
      bares.push(bare);
      const urls = { measured: `${cloud.api}${route.path}`, baseline: `${bare.url}${route.path}` };
      const isQuote = route.path.startsWith("/quote?");
      const levels = [
        ...new Set([
          ...(parts.gateway ? [10, 50] : []),
          ...(parts.growth && isQuote ? ctx.settings.connectionLevels : []),
        ]),
      ].sort((a, b) => a - b);
      for (const connections of levels) {
        progress(`gateway: ${route.label} at ${connections} connections`);
        const { measured, baseline } = await loadPair(ctx.settings, urls, connections);
        const codes = describeCodes(measured.statusCodes);
        if (parts.gateway && (connections === 10 || connections === 50)) {
          const base = {
            section: SECTION,
            baseline: `bare node:http, same answer, ${connections} connections`,
          };
          figures.push(
            figure({
              ...base,
              name: `${route.label}, ${connections} connections: throughput`,
              value: measured.rps,
              unit: "req/s",
              baselineValue: baseline.rps,
              goal: { text: "≥ 50% of bare", isMet: (value, limit) => value >= 0.5 * limit },
              note: `answers: ${codes}`,
            }),
            figure({
              ...base,
              name: `${route.label}, ${connections} connections: p50`,
              value: measured.p50,
              unit: "ms",
              baselineValue: baseline.p50,
            }),
            figure({
              ...base,
              name: `${route.label}, ${connections} connections: p99`,
              value: measured.p99,
              unit: "ms",
              baselineValue: baseline.p99,
              ...(connections === 50 && { goal: { text: "< 5 ms", isMet: (value) => value < 5 } }),
            }),
          );
        }
        if (parts.growth && isQuote && ctx.settings.connectionLevels.includes(connections)) {
          figures.push(
            figure({
              section: GROWTH,
              name: `GET /quote?isJedi=true, ${connections} connection${connections === 1 ? "" : "s"}: throughput`,
              value: measured.rps,
              unit: "req/s",
              baseline: `bare node:http, same answer, ${connections} connection${connections === 1 ? "" : "s"}`,
              baselineValue: baseline.rps,
              note: `p50 ${measured.p50.toFixed(2)} ms (bare ${baseline.p50.toFixed(2)}), p99 ${measured.p99.toFixed(2)} ms (bare ${baseline.p99.toFixed(2)}); answers: ${codes}`,
            }),
          );
        }
      }
    }
    if (parts.gateway) {
      progress("gateway: the dashboard's polls, idle and under load");
      figures.push(...(await dashboardUnderLoad(ctx.settings, cloud)));
    }
  } finally {
    for (const bare of bares) await bare.close();
    await close();
  }
  return figures;
}
