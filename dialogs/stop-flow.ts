import type { Flow } from '../core/conversation/flow.ts';
import { textReply } from '../core/conversation/reply.ts';

const STOP_WORDS = new Set(['stop', 'stoppen', 'annuleer', 'annuleren', 'cancel', 'quit', 'afbreken', 'klaar']);

/** "stop" ends whatever flow is running, from any step. */
export const stopFlow: Flow<never> = {
  id: 'stop',
  interrupts: true,
  matches: (text) => STOP_WORDS.has(text),
  start: (ctx) =>
    ctx.activeFlowId
      ? { replies: [textReply(ctx.t('flow.stopped'))], clearActive: true }
      : { replies: [textReply(ctx.t('flow.nothingToStop'))] },
};
