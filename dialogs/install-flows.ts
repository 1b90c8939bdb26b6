import type { Flow } from '../core/conversation/flow.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import { fallbackFlow } from './fallback-flow.ts';
import { createHelpFlow } from './help-flow.ts';
import { createLanguageFlow } from './language-flow.ts';
import { stopFlow } from './stop-flow.ts';

export interface DialogDependencies {
  store: KeyValueStore;
}

/** Every flow Ketenbot runs, in routing priority order, and the fallback for unclaimed input. */
export function installFlows(deps: DialogDependencies): { flows: Flow<any>[]; fallback: Flow<any> } {
  const flows: Flow<any>[] = [];
  flows.push(createHelpFlow(() => flows), stopFlow, createLanguageFlow(deps.store));
  return { flows, fallback: fallbackFlow };
}
