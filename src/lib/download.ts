/** Saving what the page made (a CSV, a GeoJSON, a PNG) as a file, through a temporary object URL. */

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the object URL can go once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads `text` as a file called `fileName` of MIME type `type`. */
export function downloadText(text: string, type: string, fileName: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}
