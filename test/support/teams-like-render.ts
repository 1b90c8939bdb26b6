import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AdaptiveCardJson } from '../../cards/adaptive/render-adaptive-card.ts';

/**
 * Teams' host config as Microsoft publishes it (microsoft/AdaptiveCards,
 * samples/HostConfig/microsoft-teams-light.json): the parts that decide what fits — Segoe UI 14 px,
 * 16 px padding, and buttons in a row, left-aligned, at most 6 (Web Chat stacks them instead).
 */
export const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  fontStyles: {
    default: {
      fontFamily: "'Segoe UI', Tahoma, Geneva, Verdana, sans-serif",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
  },
  actions: { maxActions: 6, spacing: 'Default', buttonSpacing: 8, showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' }, actionsOrientation: 'Horizontal', actionAlignment: 'Left' },
  factSet: { title: { weight: 'Bolder', wrap: true }, value: { wrap: true }, spacing: 16 },
};

const require = createRequire(import.meta.url);

/**
 * Opens a page that draws Adaptive Cards with the adaptivecards library (the renderer Web Chat
 * uses too) and Teams' host config, each card in a box `width` px wide (a Teams chat on a phone is
 * about 360 px). Returns a function that draws one more card and gives its selector.
 */
export async function teamsLikePage(page: Page, width: number): Promise<(card: AdaptiveCardJson) => Promise<string>> {
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; font-family: 'Segoe UI', Tahoma, sans-serif; background: #f5f5f5; }
    .teams-card { width: ${width}px; margin: 12px; background: #fff; border-radius: 4px; }
    .ac-pushButton { border: 1px solid #c8c6c4; background: #fff; padding: 4px 12px; min-height: 32px; font-weight: 600; }
  </style></head><body></body></html>`);
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  // Teams draws TextBlocks as markdown; markdown-it (what Web Chat uses) stands in for its parser.
  await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
  await page.evaluate(() => {
    const g = globalThis as any;
    const markdown = g.markdownit();
    g.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
      result.outputHtml = markdown.render(text);
      result.didProcess = true;
    };
  });
  let n = 0;
  return async (card) => {
    const id = `card-${++n}`;
    await page.evaluate(
      ({ json, hostConfig, id }) => {
        const AC = (globalThis as any).AdaptiveCards;
        const adaptive = new AC.AdaptiveCard();
        adaptive.hostConfig = new AC.HostConfig(hostConfig);
        adaptive.parse(json);
        const box = (globalThis as any).document.createElement('div');
        box.className = 'teams-card';
        box.id = id;
        box.appendChild(adaptive.render());
        (globalThis as any).document.body.appendChild(box);
      },
      { json: card, hostConfig: TEAMS_HOST_CONFIG, id },
    );
    return `#${id} .ac-adaptiveCard`;
  };
}
