const started = performance.now();

/** Progress on stderr, so that stdout keeps only the summary. */
export function progress(message: string): void {
  const seconds = Math.round((performance.now() - started) / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
  process.stderr.write(`[bench ${clock}] ${message}\n`);
}
