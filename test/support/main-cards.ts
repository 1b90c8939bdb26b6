import { expect } from 'vitest';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { ANNOUNCEMENT_USERS, as, openAnnouncementHarness, submitData } from './chain-dialogs.ts';

/** The cards people see most, as the real flows build them (demo directory, default decision tree). */
export interface MainCards {
  /** The decision tree's first question with radio buttons (the seven "what is wrong" choices). */
  treeStart: CardView;
  /** The decision tree's outcome: desks, what to have at hand, what next. */
  treeOutcome: CardView;
  /** "wie beheert RivierenNet": the application with its administrator's desk. */
  desk: CardView;
  incidentForm: CardView;
  maintenanceForm: CardView;
  /** "mijn gegevens": the own-details form. */
  profileForm: CardView;
}

const cardsOf = (replies: Reply[]): CardView[] => replies.flatMap((r) => (r.kind === 'card' ? [r.card] : []));

function lastCard(replies: Reply[], said: string): CardView {
  const card = cardsOf(replies).at(-1);
  if (!card) throw new Error(`"${said}" gave no card: ${JSON.stringify(replies)}`);
  return card;
}

/**
 * Walks the real flows as a nurse of Sint Amandus and Medicura's administrator would: the tree
 * (always the first choice, until an outcome), the address book, the incident, maintenance and
 * own-details forms. In Dutch unless `locale` says otherwise.
 */
export async function buildMainCards(locale: 'nl' | 'en' = 'nl'): Promise<MainCards> {
  const h = await openAnnouncementHarness();
  try {
    const nurse = as(ANNOUNCEMENT_USERS.NURSE, { locale });
    const admin = as(ANNOUNCEMENT_USERS.ADMIN, { locale });
    let card = lastCard(await h.say(locale === 'nl' ? 'ik heb een probleem' : 'i have a problem', nurse), 'tree');
    let treeStart: CardView | undefined;
    for (let step = 0; step < 20 && card.kind !== 'tree.outcome'; step++) {
      if (card.kind === 'tree.step') {
        const input = card.blocks.flatMap((b) => (b.type === 'input' && b.input.kind === 'choice' ? [b.input] : []))[0];
        if (!input) throw new Error(`tree step without choices: ${JSON.stringify(card)}`);
        if (input.expanded && !treeStart) treeStart = card;
        card = lastCard(await h.submit('tree.choose', { ...submitData(card, 'tree.choose'), [input.id]: input.choices[0]!.value }, nurse), 'tree.choose');
      } else if (card.kind === 'tree.advice') {
        card = lastCard(await h.submit('tree.continue', submitData(card, 'tree.continue'), nurse), 'tree.continue');
      } else {
        throw new Error(`unexpected card in the tree: ${card.kind}`);
      }
    }
    expect(card.kind, 'the tree walk reached an outcome').toBe('tree.outcome');
    expect(treeStart, 'the tree asked a question with radio buttons').toBeDefined();
    return {
      treeStart: treeStart!,
      treeOutcome: card,
      desk: lastCard(await h.say(locale === 'nl' ? 'wie beheert RivierenNet' : 'who manages RivierenNet', nurse), 'desk'),
      incidentForm: lastCard(await h.say(locale === 'nl' ? 'meld storing' : 'report incident', nurse), 'incident form'),
      maintenanceForm: lastCard(await h.say(locale === 'nl' ? 'onderhoud' : 'maintenance', admin), 'maintenance form'),
      profileForm: lastCard(await h.say(locale === 'nl' ? 'mijn gegevens' : 'my details', nurse), 'profile'),
    };
  } finally {
    await h.dispose();
  }
}
