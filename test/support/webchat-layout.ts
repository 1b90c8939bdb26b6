import type { Locator } from 'playwright-core';

// The measuring function runs in the browser: these are the page's globals (the project has no DOM typings).
declare const document: any;
declare const getComputedStyle: (element: any) => any;
declare const NodeFilter: { SHOW_TEXT: number };

/** What one rendered Adaptive Card looks like in Web Chat: its size and everything that does not fit. */
export interface CardLayout {
  width: number;
  height: number;
  /** Readable lines: a text cut off with "…", a word broken over two lines, something sticking out. */
  problems: string[];
  /** Expanded choice labels, select options and button titles as shown (to prove they were measured). */
  measured: { choices: string[]; buttons: string[] };
}

/**
 * Measures a rendered card in the browser (the DOM the adaptivecards renderer of Web Chat drew):
 * - a text cut off: an element with `text-overflow: ellipsis` (TextBlocks without wrap, choice
 *   labels, button titles) whose content is wider than its box, or a line-clamped text taller than it;
 * - a select menu too narrow for one of its options (the chosen option would show cut off);
 * - a word broken over two lines (a fact label "Coördinatiel/aag"): every word of every text,
 *   except web and e-mail addresses, must sit on one line (a break at a hyphen is a word boundary);
 * - anything wider than the card.
 */
export async function measureCard(card: Locator): Promise<CardLayout> {
  return card.evaluate((root: any) => {
    const problems: string[] = [];
    const said = (el: any) => JSON.stringify((el.innerText || el.textContent || '').trim().slice(0, 100));
    const box = root.getBoundingClientRect();
    const visible = (el: any) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0 && rect.height > 0;
    };

    for (const el of Array.from(root.querySelectorAll('*')) as any[]) {
      if (!visible(el) || !(el.textContent ?? '').trim()) continue;
      const style = getComputedStyle(el);
      if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`cut off with "…" (${el.scrollWidth} px of text in ${el.clientWidth} px): ${said(el)}`);
      }
      if (style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '' && el.scrollHeight > el.clientHeight + 1) {
        problems.push(`cut off after ${style.webkitLineClamp} lines: ${said(el)}`);
      }
      const rect = el.getBoundingClientRect();
      if (rect.right > box.right + 1 || rect.left < box.left - 1) problems.push(`sticks out of the card (${Math.round(rect.left - box.left)}..${Math.round(rect.right - box.left)} of ${Math.round(box.width)} px): ${said(el)}`);
    }

    // A select shows the chosen option in its own width (minus the arrow).
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const select of Array.from(root.querySelectorAll('select')) as any[]) {
      if (!visible(select)) continue;
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      for (const option of Array.from(select.options) as any[]) {
        const width = canvas.measureText(option.text).width;
        if (width > room) problems.push(`select option cut off when chosen (${Math.round(width)} px in ${Math.round(room)} px): ${JSON.stringify(option.text)}`);
      }
    }

    // Every word on one line.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !visible(parent) || parent.closest('select, option, textarea, input, a')) continue;
      const text = node.textContent ?? '';
      for (const match of String(text).matchAll(/[^\s\-–/]+/g)) {
        const word = match[0];
        // Addresses may break anywhere; they are links to tap, not words to read.
        if (/[@:]|\.\p{L}{2}/u.test(word) || word.length > 40) continue;
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + word.length);
        const lines = new Set((Array.from(range.getClientRects()) as any[]).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`word broken over ${lines.size} lines: ${JSON.stringify(word)} in ${said(parent)}`);
      }
    }

    const labels = (selector: string): string[] => (Array.from(root.querySelectorAll(selector)) as any[]).filter(visible).map((el) => String(el.innerText || '').trim()).filter(Boolean);
    return {
      width: Math.round(box.width),
      height: Math.round(box.height),
      problems,
      measured: {
        choices: [...labels('.ac-choiceSetInput-expanded label, .ac-choiceSetInput-multiSelect label'), ...(Array.from(root.querySelectorAll('select option')) as any[]).map((o) => String(o.text))],
        buttons: labels('button.ac-pushButton'),
      },
    };
  });
}
