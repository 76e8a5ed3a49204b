import { en } from "zod/locales";
import * as z from "zod/mini";

/*
 * The zod every contract (and every schema a function bundles) is written with: zod/mini, the same zod 4
 * core as `zod` without the chainable methods, so a bundle holds only the checks its schemas use.
 * docs/decisions/0015-lean-contracts-in-bundles.md has the measurement.
 *
 * Classic zod installs its English messages when it builds its first schema; zod/mini installs none, and
 * without them every default issue reads "Invalid input". Messages are looked up when a value is parsed,
 * and every schema takes its z from this module, so they are in place before any parse: the 400 bodies
 * name the same messages as they did with classic zod.
 */
z.config(en());

export * from "zod/mini";
