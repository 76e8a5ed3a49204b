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
};

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);

export function figure(input: FigureInput): Figure {
  const { value, baselineValue, goal } = input;
  const both = finite(value) && finite(baselineValue);
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
  };
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
