/** Saving text the page made as a file, through a temporary object URL. */

/** Downloads `text` as a file called `name` of MIME type `type`. */
export function downloadText(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the object URL can go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
