import { translator } from '../../cards/i18n/translate.ts';
import type { Clock } from '../clock.ts';
import { actionFlowId, type Flow, type FlowContext, type FlowStep } from './flow.ts';
import type { Inbound } from './inbound.ts';
import type { Locale } from './locale.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { StateConflictError, type KeyValueStore, type Versioned } from './key-value-store.ts';
import { inputProblem, type InputProblem } from './input-limits.ts';
import { normalizeText } from './normalize.ts';
import { isForm, OpenForms, openFormsKey } from './open-forms.ts';
import { PrefetchedStore } from './prefetched-store.ts';
import { textReply, type Reply } from './reply.ts';
import {
  conversationStateKey,
  userPreferencesKey,
  type ActiveFlowState,
  type UserPreferences,
} from './conversation-state.ts';

export interface EngineLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ConversationEngineOptions {
  store: KeyValueStore;
  /** In priority order; the first whose `matches` accepts the text starts. */
  flows: Flow<any>[];
  /** Handles text no flow claims (a friendly pointer to help, later a knowledge-base search). */
  fallback: Flow<any>;
  clock: Clock;
  logger: EngineLogger;
  /** A flow left alone longer than this is forgotten (default 24 hours). */
  stateTtlMs?: number;
}

/**
 * Load state → step the active flow (or start the one the input asks for) → save state → replies.
 * Messages of one conversation are handled one at a time; across processes the eTag guards the state.
 */
export class ConversationEngine {
  private readonly mutex = new KeyedMutex();
  private readonly byId = new Map<string, Flow<any>>();
  private readonly ttlMs: number;

  constructor(private readonly options: ConversationEngineOptions) {
    for (const flow of [...options.flows, options.fallback]) this.byId.set(flow.id, flow);
    this.ttlMs = options.stateTtlMs ?? 24 * 60 * 60 * 1000;
  }

  handle(inbound: Inbound): Promise<Reply[]> {
    const key = conversationStateKey(inbound);
    return this.mutex.run(key, async () => {
      // The keys every turn reads, in one statement (the store answers them one by one if that fails).
      const store = await PrefetchedStore.open(this.options.store, [userPreferencesKey(inbound), key, openFormsKey(inbound)]).catch(() => this.options.store);
      const localized = await this.applyPreferences(inbound, store);
      // Too much input is answered before any flow sees it, and leaves the running flow as it was.
      const problem = inputProblem(localized);
      if (problem) return [textReply(inputProblemText(localized.locale, problem))];
      try {
        return await this.turn(key, localized, store);
      } catch (error) {
        const t = translator(localized.locale);
        if (error instanceof StateConflictError) {
          this.options.logger.warn({ key }, 'conversation state changed concurrently');
          return [textReply(t('error.busy'))];
        }
        this.options.logger.error({ err: error, platform: inbound.platform }, 'conversation turn failed');
        return [textReply(t('error.generic'))];
      }
    });
  }

  private async applyPreferences(inbound: Inbound, store: KeyValueStore): Promise<Inbound> {
    const prefs = await store.read<UserPreferences>(userPreferencesKey(inbound)).catch(() => undefined);
    const locale = prefs?.value?.locale;
    // Only a language we speak overrides the platform's; anything else stored is ignored.
    return locale === 'nl' || locale === 'en' ? { ...inbound, locale } : inbound;
  }

  private async turn(key: string, inbound: Inbound, store: KeyValueStore): Promise<Reply[]> {
    const now = this.options.clock.now();
    const forms = new OpenForms(store);
    const stored = await store.read<ActiveFlowState>(key);
    const active = stored && this.isFresh(stored.value, now) ? stored.value : undefined;
    const ctx: FlowContext = {
      locale: inbound.locale, t: translator(inbound.locale), now,
      ...(active ? { activeFlowId: active.flowId } : {}),
      openForm: () => forms.find(inbound),
      isOpenForm: (replaceKey) => forms.isOpen(inbound, replaceKey),
    };
    const text = normalizeText(inbound.text);
    const routed = this.route(inbound, text, active);
    const flow = routed.flow;
    let mode = routed.mode;
    const activeFlow = active ? this.byId.get(active.flowId) : undefined;

    let result: FlowStep<unknown>;
    let replies: Reply[];
    if (mode === 'step' && active) {
      result = await flow.step!(ctx, active.data, inbound);
      if (result.pass) {
        const rerouted = this.route(inbound, text, undefined);
        result = await rerouted.flow.start(ctx, inbound);
        await this.save(store, key, stored, rerouted.flow, result, undefined, now);
        return this.finish(forms, inbound, result, result.replies);
      }
      replies = result.replies;
    } else {
      result = await flow.start(ctx, inbound);
      replies = result.replies;
      // A command that only answered (a list, a refusal: nothing started) is a look-up after all.
      if (mode === 'leave' && !startsSomething(result)) mode = 'lookup';
      const name = () => activeFlow?.name?.(ctx.t) ?? ctx.t('conversation.flow.generic');
      // A look-up leaves the open question waiting; any other command closes it first, and says so.
      if (mode === 'lookup') replies = [...replies, textReply(ctx.t('conversation.stillOpen', { name: name() }))];
      if (mode === 'leave' && active) replies = [...(activeFlow?.leave?.(ctx, active.data) ?? []), textReply(ctx.t('conversation.left', { name: name() })), ...replies];
    }
    await this.save(store, key, stored, flow, result, mode === 'interrupt' || mode === 'lookup' ? active : undefined, now);
    return this.finish(forms, inbound, result, replies);
  }

  private async finish(forms: OpenForms, inbound: Inbound, result: FlowStep<unknown>, replies: Reply[]): Promise<Reply[]> {
    await forms.afterTurn(inbound, replies, result.closedForm);
    return replies;
  }

  /**
   * Which flow handles this input, and how:
   * - start: nothing is open, a flow (or the fallback) starts;
   * - step: the open flow gets its answer;
   * - interrupt: help, stop or language, the open flow stays as it was;
   * - lookup: a quick look-up typed while a flow waits: carried out, the flow stays open;
   * - leave: another command typed while a flow waits: the flow is closed, the command carried out.
   */
  private route(inbound: Inbound, text: string, active: ActiveFlowState | undefined): { flow: Flow<any>; mode: 'start' | 'step' | 'interrupt' | 'lookup' | 'leave' } {
    if (inbound.action) {
      const flow = this.byId.get(actionFlowId(inbound.action.id));
      // A stale or foreign button is answered without disturbing the flow that is running.
      if (!flow) return { flow: this.options.fallback, mode: active ? 'interrupt' : 'start' };
      if (active?.flowId === flow.id && flow.step) return { flow, mode: 'step' };
      // A button of another card (a look-up's result, a knowledge-base answer) leaves an open question
      // waiting, as typing the look-up did; only a flow that starts a state of its own replaces it.
      const waiting = active && this.byId.get(active.flowId)?.step;
      return { flow, mode: (flow.interrupts || waiting) && active ? 'interrupt' : 'start' };
    }
    const interrupt = this.options.flows.find((f) => f.interrupts && f.matches?.(text, inbound));
    if (interrupt) return { flow: interrupt, mode: active ? 'interrupt' : 'start' };
    const activeFlow = active ? this.byId.get(active.flowId) : undefined;
    const command = this.options.flows.find((f) => !f.interrupts && f.matches?.(text, inbound));
    if (activeFlow?.step) {
      // The open flow's own words (and everything no command claims) are its answers.
      if (!command || command === activeFlow) return { flow: activeFlow, mode: 'step' };
      return { flow: command, mode: command.isLookup?.(text) ? 'lookup' : 'leave' };
    }
    return { flow: command ?? this.options.fallback, mode: 'start' };
  }

  /** Interrupting flows (help) leave the active flow as it was unless they ask to clear it. */
  private async save(
    store: KeyValueStore,
    key: string,
    stored: Versioned<ActiveFlowState> | undefined,
    flow: Flow<any>,
    result: FlowStep<unknown>,
    keep: ActiveFlowState | undefined,
    now: Date,
  ): Promise<void> {
    const expect = stored ? { etag: stored.etag } : ('new' as const);
    if (result.state !== undefined && !result.clearActive) {
      const startedAt = stored && this.isFresh(stored.value, now) && stored.value.flowId === flow.id ? stored.value.startedAt : now.toISOString();
      const next: ActiveFlowState = { flowId: flow.id, data: result.state, startedAt, updatedAt: now.toISOString() };
      await store.write(key, next, expect);
    } else if (keep && !result.clearActive) {
      return;
    } else if (stored) {
      await store.delete(key, { etag: stored.etag });
    }
  }

  private isFresh(state: ActiveFlowState, now: Date): boolean {
    return now.getTime() - Date.parse(state.updatedAt) <= this.ttlMs;
  }
}

function inputProblemText(locale: Locale, problem: InputProblem): string {
  const t = translator(locale);
  const n = (value: number) => value.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL');
  if (problem.kind === 'text-too-long') return t('input.tooLong', { length: n(problem.length), max: n(problem.max) });
  if (problem.kind === 'field-too-long') return t('input.fieldTooLong', { length: n(problem.length), max: n(problem.max) });
  return t('input.tooDeep');
}

/** Did a command start something (a flow of its own, or a form), rather than only answer? */
function startsSomething(result: FlowStep<unknown>): boolean {
  return result.state !== undefined || result.replies.some((r) => r.kind === 'card' && isForm(r));
}
