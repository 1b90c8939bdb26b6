import { KvStateEntity } from './kv-state.entity.ts';
import { SlackEventReceiptEntity } from './slack-event-receipt.entity.ts';

export const entities = [KvStateEntity, SlackEventReceiptEntity];
