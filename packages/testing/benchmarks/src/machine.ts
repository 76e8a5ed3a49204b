import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** The load average when the run began: other work on a shared machine shows here. */
  loadAtStart: number;
  date: string;
}

export function describeMachine(now = new Date()): Machine {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    cores: cores.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAtStart: Number((loadavg()[0] ?? 0).toFixed(2)),
    date: now.toISOString(),
  };
}
