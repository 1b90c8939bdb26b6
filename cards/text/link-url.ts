/**
 * The form of a trusted URL (the directory, the bot's own pages, administrators' knowledge-base
 * entries) that both renderers can put in a link: only http(s), mailto and tel, and with the
 * characters that end a link in markdown "[x](url)" or Slack "<url|x>" percent-encoded, so the
 * URL cannot break out of its link. Anything else gives undefined: the renderer then shows the
 * text without a link.
 */
export function linkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!SCHEMES.has(parsed.protocol)) return undefined;
  return parsed.href.replace(/[()<>|\s"'\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const SCHEMES = new Set(['https:', 'http:', 'mailto:', 'tel:']);
