import type { FunctionInfo } from "../dashboard-api";
import { compactTable, el } from "./dom";

/** $LATEST first, then the newest published version. */
const byVersion = (a: { version: string }, b: { version: string }) =>
  a.version === "$LATEST" ? -1 : b.version === "$LATEST" ? 1 : Number(b.version) - Number(a.version);

/** Each function's published versions and the aliases pointing at them. */
export function renderFunctions(container: HTMLElement, functions: FunctionInfo[]) {
  const cards = [...functions]
    .sort((a, b) => a.functionName.localeCompare(b.functionName))
    .map((fn) => {
      const aliasesOf = (version: string) =>
        fn.aliases.filter((alias) => alias.functionVersion === version).map((alias) => alias.name);
      const rows = [...fn.versions]
        .sort(byVersion)
        .map((version) =>
          el(
            "tr",
            { "data-version": version.version },
            el("td", { class: "mono" }, version.version),
            el(
              "td",
              {},
              ...aliasesOf(version.version).map((name) => el("span", { class: "tag tag-alias" }, name)),
            ),
            el("td", { class: "mono muted", title: version.codeSha256 }, version.codeSha256.slice(0, 10)),
            el("td", { class: "muted" }, version.lastModified.replace("T", " ").replace(/\.\d+.*$/, "")),
            el("td", {}, version.description),
          ),
        );
      return el(
        "div",
        { class: "subcard", "data-function": fn.functionName },
        el(
          "h3",
          {},
          fn.functionName,
          ...fn.aliases.map((alias) =>
            el(
              "span",
              { class: "tag tag-alias", "data-alias": alias.name },
              `${alias.name} → ${alias.functionVersion}`,
            ),
          ),
        ),
        compactTable(
          [
            { title: "Version" },
            { title: "Aliases" },
            { title: "Code SHA-256" },
            { title: "Last modified" },
            { title: "Description" },
          ],
          rows,
        ),
      );
    });
  container.replaceChildren(...(cards.length > 0 ? cards : [el("p", { class: "muted" }, "No functions.")]));
}
