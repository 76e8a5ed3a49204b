import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIGURES_FILE, FIGURES_PARTS_DIR, type FigureValues } from "./figures";

/**
 * One seed for the whole run, chosen here so that every file (each in its own worker) uses the same one
 * and figures.json can name it; HOLONET_SEED=<n> replays a run.
 */
export function setup() {
  process.env.HOLONET_SEED ??= String(Date.now() % 2 ** 31);
  rmSync(FIGURES_PARTS_DIR, { recursive: true, force: true });
  const startedAt = new Date().toISOString();

  return () => {
    if (!existsSync(FIGURES_PARTS_DIR)) return;
    const parts: Record<string, FigureValues> = {};
    for (const file of readdirSync(FIGURES_PARTS_DIR).sort()) {
      if (file.endsWith(".json"))
        parts[file.replace(/\.json$/, "")] = JSON.parse(
          readFileSync(path.join(FIGURES_PARTS_DIR, file), "utf8"),
        );
    }
    const summary = {
      slice: process.env.HOLONET_STRESS === "1" ? "stress" : "fast",
      seed: Number(process.env.HOLONET_SEED),
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model.trim() ?? "unknown",
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
      },
      figures: parts,
    };
    writeFileSync(FIGURES_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    rmSync(FIGURES_PARTS_DIR, { recursive: true, force: true });
  };
}
