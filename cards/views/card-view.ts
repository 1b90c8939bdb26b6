/**
 * The one card model every feature builds. It is plain data: the core and the dialogs
 * fill it in (already translated), and `cards/adaptive` and `cards/blockkit` render it
 * for Teams / web chat and Slack. Keeping one model means a feature is designed once and
 * looks the same on every platform.
 *
 * Trust model: every string here is plain text, shown exactly as written. The renderers escape
 * it, so whatever a user typed (an incident title, a description, a name) can never become a
 * link, a mention (<at>, <!channel>, <@U…>), a heading, an image, a list, a quote, code or HTML.
 * Markup comes only from two explicit, trusted places:
 * - `Fact.url` and `ListItem.links`: a link whose URL comes from the directory or the bot itself,
 *   never from what a user typed (plus url actions, which are buttons). The one exception: a
 *   tel: or mailto: link made by cards/text/phone-uri.ts from a phone number or e-mail address
 *   (also a person's own), which dials exactly what it shows;
 * - a text block with `format: 'markdown'`: knowledge-base text written by administrators; its
 *   bold, italic, lists and links are kept, mentions and HTML still never.
 * Views never build markdown or mrkdwn themselves.
 */
export interface CardView {
  /** What kind of card this is ('help', 'desk', …): for tests, logs and in-place updates. */
  kind: string;
  title: string;
  subtitle?: string;
  /** A short status line under the title. */
  badge?: CardBadge;
  blocks: CardBlock[];
  actions?: CardAction[];
  /** Plain text for notifications and clients that cannot show cards. */
  fallbackText: string;
  /**
   * Set by the delivery worker on a card sent again after a crash without knowing whether the first
   * one arrived: shown above everything (Adaptive Card element id and Slack block id "possibly-repeated").
   */
  repeatNotice?: string;
}

export type Tone = 'good' | 'warning' | 'attention' | 'accent' | 'default';

export interface CardBadge {
  text: string;
  tone: Tone;
}

export interface Fact {
  label: string;
  value: string;
  /** Shows the value as a link to this URL (http, https, mailto, tel). Trusted data only: the directory or the bot's own. */
  url?: string;
}

export interface ListItem {
  title: string;
  text?: string;
  /** Links under the text (a person's phone and e-mail), shown as "label · label". Trusted data only, as `Fact.url`. */
  links?: Array<{ label: string; url: string }>;
}

export type CardBlock =
  | {
      type: 'text';
      text: string;
      style?: 'heading' | 'muted' | 'warning';
      /** 'markdown' only for administrators' knowledge-base text; everything else is plain (the default). */
      format?: 'plain' | 'markdown';
    }
  | { type: 'facts'; facts: Fact[] }
  | { type: 'list'; items: ListItem[] }
  | { type: 'divider' }
  | { type: 'image'; url: string; alt: string }
  | { type: 'input'; input: CardInput };

export interface Choice {
  /** A short label (Slack shows at most 75 characters; keep it to a few words). */
  title: string;
  value: string;
  /** An explanation line under the label (Slack: the option's description, at most 75 characters). */
  description?: string;
}

interface InputBase {
  /** The key under which the value comes back in the action's values. */
  id: string;
  label: string;
  required?: boolean;
  /** Shown by the client when a required input is left empty. */
  requiredMessage?: string;
  /** A validation message shown with the input (the form was sent back with this error). */
  error?: string;
}

export type CardInput =
  | (InputBase & { kind: 'text'; value?: string; placeholder?: string; multiline?: boolean; maxLength?: number })
  | (InputBase & {
      kind: 'choice'; choices: Choice[]; value?: string | string[]; multiSelect?: boolean; expanded?: boolean; placeholder?: string;
      /**
       * A long multi-select behind a button with this label, where the client draws it as a column of
       * checkboxes (Web Chat): the form stays one screen high; the values still go with the form.
       * Shown open when the input has an error. Slack and Teams draw a compact menu and ignore it.
       */
      collapsedUnder?: string;
    })
  | (InputBase & { kind: 'date'; value?: string })
  | (InputBase & { kind: 'time'; value?: string })
  | (InputBase & { kind: 'toggle'; value?: boolean });

export type CardAction =
  | {
      kind: 'submit';
      /** Action id; comes back as `action.id` on the Inbound. */
      id: string;
      label: string;
      style?: 'primary' | 'danger';
      /** Extra data returned with the action (merged with the form inputs). */
      data?: Record<string, string | number | boolean>;
      /** Sends no form inputs and skips the client's required-field check (a cancel button). */
      ignoresInputs?: boolean;
      /**
       * A less used action (start over): Teams and Web Chat show it under a "…" button, so the main
       * buttons fit in the row a phone has room for (about three). Slack shows it as a button.
       */
      secondary?: boolean;
    }
  | { kind: 'url'; label: string; url: string };
