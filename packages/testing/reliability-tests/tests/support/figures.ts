import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Each test file writes its figures here; the global teardown merges them into test-results/figures.json. */
export const FIGURES_PARTS_DIR = path.resolve(import.meta.dirname, "../../test-results/figures-parts");
export const FIGURES_FILE = path.resolve(import.meta.dirname, "../../test-results/figures.json");

export type FigureValues = Record<string, number | string | boolean>;

/** Records what a test measured (counts, not timings), under a name of its own. */
export function recordFigures(name: string, values: FigureValues): void {
  mkdirSync(FIGURES_PARTS_DIR, { recursive: true });
  writeFileSync(path.join(FIGURES_PARTS_DIR, `${name}.json`), `${JSON.stringify(values, null, 2)}\n`);
}
