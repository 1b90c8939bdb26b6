import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { normalizeText } from '../../core/conversation/normalize.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import { installFlows } from '../../dialogs/install-flows.ts';

const store = { read: async () => undefined, write: async () => '', delete: async () => undefined };
const { flows } = installFlows({ store } as never);
const inbound = (text: string): Inbound => ({
  platform: 'teams', actor: { id: 'u' }, conversation: { id: 'c', kind: 'personal' }, locale: 'nl', text, receivedAt: new Date(0),
});
const claimed = (text: string) => flows.some((f) => f.matches?.(normalizeText(text), inbound(text)));

describe('every command the manifests advertise is handled by a flow (not the fallback)', () => {
  const teams = JSON.parse(readFileSync('manifest/teams/manifest.json', 'utf8'));
  const titles: string[] = teams.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
  it.each([...new Set(titles)])('Teams command "%s"', (title) => {
    expect(claimed(title)).toBe(true);
  });

  const slack = YAML.parse(readFileSync('manifest/slack/manifest.yml', 'utf8'));
  const hint: string = slack.features.slash_commands[0].usage_hint;
  const words = hint.replace(/[[\]]/g, '').split('|').map((w) => w.trim().split(' ')[0]!).filter(Boolean);
  it.each(words)('Slack usage hint "%s"', (word) => {
    expect(claimed(word)).toBe(true);
  });
});
