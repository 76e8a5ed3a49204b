export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element with attributes and children. Strings go in as text nodes, never as HTML: every
 * name, log line and payload on this page comes from the cloud, and markup in it must be shown, not run.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, "");
    else if (typeof value === "string") element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A compact table: a header cell per column (`num` ones right-aligned), then the rows. */
export function compactTable(
  columns: { title: string; num?: boolean; hidden?: boolean }[],
  rows: Child[],
): HTMLTableElement {
  // A column whose cells say what they are (the first, naming each row) still needs a header for a screen reader.
  const head = columns.map(({ title, num, hidden }) =>
    el("th", num ? { class: "num" } : {}, hidden ? el("span", { class: "visually-hidden" }, title) : title),
  );
  return el("table", { class: "compact" }, el("thead", {}, el("tr", {}, ...head)), el("tbody", {}, ...rows));
}

/** The element with this id, of the expected kind: the page's markup is part of the program. */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`index.html has no <${kind.name}> with id "${id}"`);
  return element;
}
