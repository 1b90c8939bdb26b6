import { expect } from 'vitest';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Reply } from '../../../core/conversation/reply.ts';
import type { DialogHarness, SayOptions } from '../dialog-harness.ts';

/**
 * Walks the decision tree as a person does, through the dialog harness: typing, or clicking what
 * the card on screen offers (a choice, then "Verder"; or a button). Keeps the card on screen per
 * user, as the chat client would show it (every step replaces it).
 */
export class TreeWalker {
  private screen?: CardView;
  /** Every text reply the bot sent besides cards (e.g. "Onthouden: …"). */
  readonly lines: string[] = [];

  constructor(private readonly h: DialogHarness, readonly o: SayOptions = {}) {}

  get card(): CardView {
    if (!this.screen) throw new Error('no card on screen yet');
    return this.screen;
  }

  private take(replies: Reply[]): CardView {
    const cards = replies.flatMap((r) => (r.kind === 'card' ? [r.card] : []));
    this.lines.push(...replies.flatMap((r) => (r.kind === 'text' ? [r.text] : [])));
    expect(cards.length, `one card in ${JSON.stringify(replies)}`).toBeLessThanOrEqual(1);
    if (cards[0]) this.screen = cards[0];
    return this.card;
  }

  async say(text: string): Promise<CardView> {
    return this.take(await this.h.say(text, this.o));
  }

  /** The replies of typing, without expecting a card. */
  async sayRaw(text: string): Promise<Reply[]> {
    const replies = await this.h.say(text, this.o);
    this.take(replies.filter((r) => r.kind === 'card'));
    this.lines.push(...replies.flatMap((r) => (r.kind === 'text' ? [r.text] : [])));
    return replies;
  }

  /** Clicks a choice by its label (then the card's primary button), or a button by its label. */
  async click(label: string): Promise<CardView> {
    const card = this.card;
    const choice = choices(card).find((c) => c.title === label);
    const primary = card.actions?.find((a) => a.kind === 'submit' && a.style === 'primary');
    if (choice && primary?.kind === 'submit') return this.take(await this.h.submit(primary.id, { ...primary.data, choice: choice.value }, this.o));
    const button = card.actions?.find((a) => a.kind === 'submit' && a.label === label);
    if (button?.kind === 'submit') return this.take(await this.h.submit(button.id, { ...button.data }, this.o));
    throw new Error(`"${label}" is not on the ${card.kind} card: ${JSON.stringify([choices(card).map((c) => c.title), card.actions?.map((a) => a.label)])}`);
  }

  /** Presses the primary button ("Verder") with nothing chosen. */
  async pressNextWithoutChoice(): Promise<CardView> {
    const primary = this.card.actions?.find((a) => a.kind === 'submit' && a.style === 'primary');
    if (primary?.kind !== 'submit') throw new Error('no primary button');
    return this.take(await this.h.submit(primary.id, { ...primary.data }, this.o));
  }
}

export const choices = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'input' && b.input.kind === 'choice' ? b.input.choices : []));
export const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
export const styled = (card: CardView, style: 'heading' | 'muted' | 'warning') => card.blocks.flatMap((b) => (b.type === 'text' && b.style === style ? [b.text] : []));
export const heading = (card: CardView) => styled(card, 'heading')[0];
export const listItems = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.title) : []));
/** "Loket: <desk>" / "Desk: <desk>" lines, in order. */
export const deskLines = (card: CardView) => texts(card).filter((t) => t.startsWith('Loket: ') || t.startsWith('Desk: ')).map((t) => t.replace(/^(Loket|Desk): /, ''));
/** Everything the card says, in one string (for "never says …" checks). */
export const allText = (card: CardView) => JSON.stringify(card);
