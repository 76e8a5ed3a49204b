/** How much of each measurement a run takes: `--quick` is a smoke check, the full run the figures to quote. */
export interface BenchSettings {
  /** Load runs per configuration (median quoted) and the seconds each lasts. */
  loadRuns: number;
  loadSeconds: number;
  /** Load before the runs, so that the function instances are warm and cold starts stay out. */
  warmSeconds: number;
  /** Sequential invocations: rounds of each variant in turn, and calls per variant per round. */
  invokeRounds: number;
  invokesPerRound: number;
  /** Fresh processes per cold-start variant. */
  coldRuns: number;
  devColdRuns: number;
  devCachedRuns: number;
  reloadRuns: number;
  buildRuns: number;
  deployRuns: number;
  /** Saved items at which the list route is timed, and the requests timed at each. */
  listLevels: number[];
  listRequests: number;
  /** Connections for the throughput curve. */
  connectionLevels: number[];
}

export const FULL: BenchSettings = {
  loadRuns: 3,
  loadSeconds: 3,
  warmSeconds: 2,
  invokeRounds: 5,
  invokesPerRound: 200,
  coldRuns: 11,
  devColdRuns: 3,
  devCachedRuns: 3,
  reloadRuns: 5,
  buildRuns: 5,
  deployRuns: 3,
  listLevels: [100, 1_000, 10_000],
  listRequests: 200,
  connectionLevels: [1, 10, 50, 100, 200],
};

export const QUICK: BenchSettings = {
  loadRuns: 2,
  loadSeconds: 1,
  warmSeconds: 1,
  invokeRounds: 2,
  invokesPerRound: 40,
  coldRuns: 3,
  devColdRuns: 1,
  devCachedRuns: 1,
  reloadRuns: 1,
  buildRuns: 2,
  deployRuns: 1,
  listLevels: [100, 1_000],
  listRequests: 30,
  connectionLevels: [1, 10, 50, 100, 200],
};
