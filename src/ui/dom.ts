/** Small DOM helpers shared by the page's parts. */

/** The element of index.html with this id; a missing one is a broken page, said with its id. */
export function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const element = doc.getElementById(id);
  if (!element) throw new Error(`index.html lacks #${id}`);
  return element as T;
}

/** Writes text only when it changed: live regions re-announce on every write, and layout reflows. */
export function setText(element: HTMLElement | null, text: string): void {
  if (element && element.textContent !== text) element.textContent = text;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Says a short text to screen readers (the polite live region #announce). */
export function announce(doc: Document, text: string): void {
  const region = doc.getElementById('announce');
  if (region) region.textContent = text;
}
