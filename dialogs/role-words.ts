import type { Role } from '../core/domain/access/types.ts';

/** Role names people type, in Dutch and English. */
const WORDS: Record<string, Role> = {
  zorgverlener: 'care-professional', 'care-professional': 'care-professional', 'care professional': 'care-professional',
  servicedesk: 'servicedesk-agent', servicedeskmedewerker: 'servicedesk-agent', 'servicedesk-agent': 'servicedesk-agent', 'service desk agent': 'servicedesk-agent',
  servicemanager: 'service-manager', 'service-manager': 'service-manager', 'service manager': 'service-manager',
  beheerder: 'administrator', administrator: 'administrator', admin: 'administrator', 'verantwoordelijk beheerder': 'administrator',
  kennisbankredacteur: 'kb-editor', 'kb-redacteur': 'kb-editor', redacteur: 'kb-editor', 'kb-editor': 'kb-editor', 'knowledge-base editor': 'kb-editor', 'knowledge base editor': 'kb-editor', editor: 'kb-editor',
  ketenregisseur: 'chain-coordinator', ketenregie: 'chain-coordinator', coordinator: 'chain-coordinator', 'chain-coordinator': 'chain-coordinator', 'chain coordinator': 'chain-coordinator',
};

export function roleFromWord(word: string | undefined): Role | undefined {
  return word ? WORDS[word.trim().toLowerCase()] : undefined;
}
