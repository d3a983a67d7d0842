// Hands an export's text to the browser as a download: no server round trip, no URL with a token.
export function saveFile(file: { filename: string; contentType: string; content: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.contentType }));
  Object.assign(document.createElement('a'), { href: url, download: file.filename }).click();
  URL.revokeObjectURL(url);
}
