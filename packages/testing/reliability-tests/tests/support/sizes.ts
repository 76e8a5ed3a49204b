/** HOLONET_STRESS=1 (pnpm test:stress) selects the full sizes; the normal test run keeps a fast slice. */
export const STRESS = process.env.HOLONET_STRESS === "1";

export const SIZES = STRESS
  ? { badInputRuns: 10_000, saves: 10_000, saveConcurrency: 64 }
  : { badInputRuns: 300, saves: 200, saveConcurrency: 16 };

/** A failure names its seed; HOLONET_SEED=<seed> replays that run. */
export const SEED = process.env.HOLONET_SEED ? Number(process.env.HOLONET_SEED) : Date.now() % 2 ** 31;

/** Runs a check and, when it fails, says which seed to replay it with. */
export async function reportingSeed<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    console.error(`Failed with seed ${SEED}: replay with HOLONET_SEED=${SEED}`);
    throw error;
  }
}
