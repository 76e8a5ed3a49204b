type Child = Node | string | null | undefined | false;

/**
 * Creates an element with attributes and children. Text goes in as text nodes, never as HTML, so a quote
 * that contains markup is shown, not run.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, "");
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) element.append(child);
  }
  return element;
}

/** The element with this id, of the expected kind: the page's markup is part of the program. */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`index.html has no <${kind.name}> with id "${id}"`);
  return element;
}

/**
 * Disables the buttons and marks the region busy while `task` runs, so a request cannot be sent twice and
 * assistive technology waits for the result.
 */
export async function whileBusy<T>(
  buttons: HTMLButtonElement[],
  region: HTMLElement,
  task: () => Promise<T>,
): Promise<T> {
  const wasDisabled = buttons.map((button) => button.disabled);
  for (const button of buttons) button.disabled = true;
  region.setAttribute("aria-busy", "true");
  try {
    return await task();
  } finally {
    buttons.forEach((button, i) => {
      button.disabled = wasDisabled[i] ?? false;
    });
    region.removeAttribute("aria-busy");
  }
}
