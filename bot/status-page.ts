import type { Config } from './config.ts';

/** Shown at / when the local web chat is off: what runs here, without any secret. */
export function statusPageHtml(config: Config): string {
  const line = (label: string, on: boolean) => `<li>${label}: ${on ? 'aan' : 'uit'}</li>`;
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ketenbot</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem">
<h1>Ketenbot draait</h1>
<ul>${line('Microsoft Teams (/api/messages)', config.teamsAuthEnabled)}${line('Slack (/slack/events)', Boolean(config.slack))}${line('Lokale webchat', config.localChat)}</ul>
<p>Gezondheid: <a href="/healthz">/healthz</a> · Gereed: <a href="/readyz">/readyz</a></p>
</body></html>`;
}
