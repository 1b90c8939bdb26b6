import type { CardAction } from '../../cards/views/card-view.ts';
import type { Translate } from '../../cards/i18n/translate.ts';
import type { Inbound, Platform } from './inbound.ts';
import type { Locale } from './locale.ts';
import type { Reply } from './reply.ts';

/** What a flow gets besides the inbound: the user's language and the time. */
export interface FlowContext {
  locale: Locale;
  t: Translate;
  now: Date;
  /** The id of the flow that is running in this conversation, if any. */
  activeFlowId?: string;
  /** The form this user left open in this conversation, if any (read only when asked: see open-forms.ts). */
  openForm?: () => Promise<OpenForm | undefined>;
  /** Is the form shown under this replace key still open, and was it sent to this person here? */
  isOpenForm?: (replaceKey: string) => Promise<boolean>;
}

/** A form card still on screen: the flows its buttons belong to, the key that replaces it, and its title. */
export interface OpenForm {
  flowIds: string[];
  replaceKey: string;
  title: string;
}

export interface FlowStep<S> {
  replies: Reply[];
  /** Present: this flow is (still) the active one with this state. Absent: nothing to remember. */
  state?: S;
  /** End whatever flow was active (used by "stop"). */
  clearActive?: boolean;
  /** The active flow did not recognise the input: end it and let the engine route the input anew. */
  pass?: boolean;
  /** The open form this step closed (used by "stop"); the engine forgets it. */
  closedForm?: OpenForm;
}

export type FlowResult<S> = FlowStep<S> | Promise<FlowStep<S>>;

/**
 * One conversation flow, free of any chat SDK: it turns an Inbound (and its saved state)
 * into replies and new state. Actions on its cards have ids `<flow id>.<name>`.
 */
export interface Flow<S = unknown> {
  readonly id: string;
  /** Does this input start the flow when no flow claims it? (normalized text, see normalizeText) */
  matches?(text: string, inbound: Inbound): boolean;
  /** Matched even while another flow is active, without ending it (help, stop, language). */
  readonly interrupts?: boolean;
  /**
   * A quick look-up (a directory search, a knowledge-base question, a report): typed while another
   * flow waits for an answer, it is carried out and that flow stays open. Any other command ends the
   * open flow first (see the engine's `route`).
   */
  isLookup?(text: string): boolean;
  /** How the open-flow lines name this flow ("de beslisboom" / "the decision tree"). */
  name?(t: Translate): string;
  /** Replies when the engine ends this flow for another command (e.g. replace its card so no stale buttons remain). */
  leave?(ctx: FlowContext, state: S): Reply[];
  start(ctx: FlowContext, inbound: Inbound): FlowResult<S>;
  /** Next input while this flow is active. Flows without it never stay active. */
  step?(ctx: FlowContext, state: S, inbound: Inbound): FlowResult<S>;
  /**
   * Lines for the welcome/help card: what this flow lets the user do. With an audience, only what
   * fits that person (administration for those with a role for it) and hints for their platform.
   */
  capabilities?(t: Translate, audience?: CapabilityAudience): Capability[];
}

/** Who the welcome/help card is for. Without it a flow lists everything it can do. */
export interface CapabilityAudience {
  platform: Platform;
  /** The person's roles beyond care professional ('administrator', 'chain-coordinator', …); empty for care staff. */
  roles: readonly string[];
  /** Administrator of an organisation that administers an application (or chain coordinator): may announce maintenance and releases. */
  administersApplication?: boolean;
  /** Administrator of an RSO (or chain coordinator): may post news. */
  administersRso?: boolean;
}

/** Does the audience hold one of these roles? No audience: yes (the full list is shown). */
export function audienceHas(audience: CapabilityAudience | undefined, ...roles: string[]): boolean {
  return !audience || audience.roles.some((r) => roles.includes(r));
}

/** One thing the bot can do, as the welcome card lists it, with an optional button to start it. */
export interface Capability {
  title: string;
  text: string;
  action?: CardAction;
  /** Administration (announcing, inviting, linking channels): the card lists it under its own heading. */
  administration?: boolean;
}

export function actionFlowId(actionId: string): string {
  const dot = actionId.indexOf('.');
  return dot === -1 ? actionId : actionId.slice(0, dot);
}
