// Hands a file made on the device to the browser as a download: an object URL behind a
// temporary link, so it works offline. The one way the app saves documents, spreadsheets and
// backups.
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns: revoke it later, not now.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
