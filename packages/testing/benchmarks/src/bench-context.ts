import type { BenchSettings } from "./bench-settings";

export interface BenchContext {
  /** The repository's root: services are built and read there. */
  root: string;
  /** This run's scratch folder, removed at the end. */
  tmp: string;
  settings: BenchSettings;
}
