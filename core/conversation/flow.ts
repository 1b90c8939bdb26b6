import type { CardAction } from '../../cards/views/card-view.ts';
import type { Translate } from '../../cards/i18n/translate.ts';
import type { Inbound } from './inbound.ts';
import type { Locale } from './locale.ts';
import type { Reply } from './reply.ts';

/** What a flow gets besides the inbound: the user's language and the time. */
export interface FlowContext {
  locale: Locale;
  t: Translate;
  now: Date;
  /** The id of the flow that is running in this conversation, if any. */
  activeFlowId?: string;
}

export interface FlowStep<S> {
  replies: Reply[];
  /** Present: this flow is (still) the active one with this state. Absent: nothing to remember. */
  state?: S;
  /** End whatever flow was active (used by "stop"). */
  clearActive?: boolean;
  /** The active flow did not recognise the input: end it and let the engine route the input anew. */
  pass?: boolean;
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
  start(ctx: FlowContext, inbound: Inbound): FlowResult<S>;
  /** Next input while this flow is active. Flows without it never stay active. */
  step?(ctx: FlowContext, state: S, inbound: Inbound): FlowResult<S>;
  /** Lines for the welcome/help card: what this flow lets the user do. */
  capabilities?(t: Translate): Capability[];
}

/** One thing the bot can do, as the welcome card lists it, with an optional button to start it. */
export interface Capability {
  title: string;
  text: string;
  action?: CardAction;
}

export function actionFlowId(actionId: string): string {
  const dot = actionId.indexOf('.');
  return dot === -1 ? actionId : actionId.slice(0, dot);
}
