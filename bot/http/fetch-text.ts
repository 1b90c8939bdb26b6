export const MAX_ATTACHMENT_BYTES = 1024 * 1024;

/** Downloads a file sent by a user, refusing anything over 1 MB. */
export async function fetchText(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_ATTACHMENT_BYTES) throw new Error('file is larger than 1 MB');
  const buffer = Buffer.from(await response.arrayBuffer());
  if (buffer.length > MAX_ATTACHMENT_BYTES) throw new Error('file is larger than 1 MB');
  return buffer.toString('utf8');
}
