import type { Flow } from '../core/conversation/flow.ts';
import { textReply } from '../core/conversation/reply.ts';

/** Input that nothing claims: never silence, always a friendly pointer to help. */
export const fallbackFlow: Flow<never> = {
  id: 'fallback',
  start: (ctx, inbound) => ({
    replies: [textReply(ctx.t(inbound.action ? 'unknown.action' : 'unknown.text'))],
  }),
};
