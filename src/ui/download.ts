/** Saves text or a blob as a file through a temporary link (the browser's own download). */
export function downloadBlob(doc: Document, name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // the download has its own reference; revoke once it has started
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(doc: Document, name: string, text: string, type: string): void {
  downloadBlob(doc, name, new Blob([text], { type: `${type};charset=utf-8` }));
}
