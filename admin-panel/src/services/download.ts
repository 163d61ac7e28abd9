import { authorizedFetch, buildUrl } from '@/api/client';

type Query = Record<string, string | number | boolean | null | undefined>;

/** Downloads a file the API streams, a CSV or a PDF (the token rides in the header, so a plain link cannot). */
export async function downloadCsv(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await authorizedFetch(buildUrl(path, undefined, query));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  saveFile(await response.blob(), filename);
}

/** Hands `blob` to the browser as a download named `filename`. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
