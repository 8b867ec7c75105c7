/** A file the API sent (Content-Disposition: attachment), handed to the browser to save. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

/** The file name a response gives in Content-Disposition, or the fallback. */
export const fileNameOf = (headers: Headers, fallback: string): string =>
  /filename="([^"]+)"/.exec(headers.get('Content-Disposition') ?? '')?.[1] ?? fallback;

/** Hands a downloaded file to the browser (a link to an object URL, clicked). */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
