/** One measured figure beside the baseline measured in the same run: a record of docs/benchmarks.json. */
export interface Figure {
  /** The report's section: gateway, invoke, cold start, ... */
  section: string;
  name: string;
  /** null when it could not be measured here (a peer that cannot run, say): the note says why. */
  value: number | null;
  unit: string;
  baseline: string;
  baselineValue: number | null;
  /** value / baselineValue. */
  ratio: number | null;
  /** The goal for this figure, in words; null where it sets none. */
  goal: string | null;
  /** Whether the goal is met; null without a goal or a value. */
  met: boolean | null;
  note: string;
  /**
   * The floor that bounds this figure, measured in the same run and judged by the same goal: a goal its
   * floor misses too is out of the design's reach on this machine, and the report says so beside the miss.
   */
  floor?: { name: string; value: number | null; met: boolean | null };
  /** The same figure from an earlier run (`--before`), for the before/after columns. */
  before?: { value: number | null; baselineValue: number | null; ratio: number | null };
}

export interface Goal {
  text: string;
  /** Decides from the value and the baseline measured beside it. */
  isMet: (value: number, baselineValue: number) => boolean;
}

/** What a section measured: a Figure before its ratio and verdict are worked out. */
export type FigureInput = Pick<
  Figure,
  "section" | "name" | "value" | "unit" | "baseline" | "baselineValue"
> & {
  goal?: Goal;
  note?: string;
  /** The floor that bounds the figure; judged by the goal against `baselineValue` (default: the figure's). */
  floor?: { name: string; value: number | null; baselineValue?: number | null };
};

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);

export function figure(input: FigureInput): Figure {
  const { value, baselineValue, goal } = input;
  const both = finite(value) && finite(baselineValue);
  const floor = input.floor && {
    name: input.floor.name,
    value: finite(input.floor.value) ? input.floor.value : null,
    met: floorMet(goal, input.floor.value, input.floor.baselineValue ?? baselineValue),
  };
  return {
    section: input.section,
    name: input.name,
    value: finite(value) ? value : null,
    unit: input.unit,
    baseline: input.baseline,
    baselineValue: finite(baselineValue) ? baselineValue : null,
    ratio: both && baselineValue !== 0 ? value / baselineValue : null,
    goal: goal?.text ?? null,
    met: goal && both ? goal.isMet(value, baselineValue) : null,
    note: input.note ?? "",
    ...(floor && { floor }),
  };
}

function floorMet(
  goal: Goal | undefined,
  value: number | null,
  baselineValue: number | null,
): boolean | null {
  return goal && finite(value) && finite(baselineValue) ? goal.isMet(value, baselineValue) : null;
}

/** Adds an earlier run's figures, matched by section and name, as the "before" of each. */
export function withBefore(figures: Figure[], earlier: Figure[]): Figure[] {
  const byKey = new Map(earlier.map((each) => [`${each.section}\u0000${each.name}`, each]));
  return figures.map((each) => {
    const old = byKey.get(`${each.section}\u0000${each.name}`);
    return old
      ? { ...each, before: { value: old.value, baselineValue: old.baselineValue, ratio: old.ratio } }
      : each;
  });
}
