import { ROLES } from '../../../core/domain/access/types.ts';

/**
 * What every `ketenbot` command is called, says of itself and how it is used: loaded without the
 * commands themselves (typeorm and the services), so `ketenbot --help` answers at once. Each
 * command file takes its entry from here; commands/index.ts loads a command when it runs.
 */
export const CLI_COMMANDS = {
  'admin grant': { name: 'admin grant', summary: 'Give a person a role (e.g. the first chain coordinator of a new installation)', usage: `ketenbot admin grant <teams|slack|local>:<user-id> <${ROLES.join('|')}|coordinator> [organisation-id]` },
  'audit': { name: 'audit', summary: 'Show the audit log (who changed what, before and after)', usage: 'ketenbot audit [--since 7d|12h|2026-11-01] [--json]' },
  'db migrate': { name: 'db migrate', summary: 'Apply pending database migrations to DATABASE_URL', usage: 'ketenbot db migrate' },
  'deliveries': { name: 'deliveries', summary: 'Delivery report per channel: sent, pending, retrying, dead and uncertain', usage: 'ketenbot deliveries [--notice ID] [--json]' },
  'deliveries resend': { name: 'deliveries resend', summary: 'Queue the failed (dead and uncertain) deliveries of a notice again', usage: 'ketenbot deliveries resend --failed --notice ID' },
  'directory import': { name: 'directory import', summary: 'Import organisations, applications and contacts from a JSON file (all or nothing)', usage: 'ketenbot directory import FILE [--replace]   (--replace also removes entries missing from FILE)' },
  'directory export': { name: 'directory export', summary: 'Print the directory as JSON (the import format)', usage: 'ketenbot directory export > directory.json' },
  'incident route': { name: 'incident route', summary: 'Dry run: which layer coordinates an incident, why, and which channels would be alerted', usage: 'ketenbot incident route --organisations A,B --applications X,Y [--data-leak] [--lang nl|en] [--json]' },
  'kb import': { name: 'kb import', summary: 'Import knowledge-base entries from a JSON file (all or nothing, upsert by id)', usage: 'ketenbot kb import FILE' },
  'kb export': { name: 'kb export', summary: 'Print the knowledge base as JSON (the import format, with metadata)', usage: 'ketenbot kb export > kb.json' },
  'kb search': { name: 'kb search', summary: 'Search the knowledge base as the chat would (JSON: ranked [{"id","score","tier"}], tier "answer" or "suggestion")', usage: 'ketenbot kb search "<query>" [--lang nl|en] [--limit N] [--json] [--all]   (default: every result down to the suggestion tier, at most 10; --all: every candidate of both languages, with its score)' },
  'kb stats': { name: 'kb stats', summary: 'Most-viewed entries, "not helped" rate per entry and questions without a good answer', usage: 'ketenbot kb stats [--since 30d] [--limit 10] [--json]' },
  'maintenance schedule': { name: 'maintenance schedule', summary: 'Announce maintenance from a JSON file (checked first: all or nothing)', usage: 'ketenbot maintenance schedule --file FILE' },
  'maintenance list': { name: 'maintenance list', summary: 'Planned and running maintenance', usage: 'ketenbot maintenance list [--json]' },
  'report': { name: 'report', summary: 'Day or week report of an organisation (counts and times; --csv: the incidents, metadata only)', usage: 'ketenbot report day|week --org ID [--csv | --json] [--lang nl|en]' },
  'tree check': { name: 'tree check', summary: 'Check a decision-tree file (or the tree in use) against the directory', usage: 'ketenbot tree check [FILE]' },
  'tree publish': { name: 'tree publish', summary: 'Publish a new decision-tree version (validated first; conversations in progress finish on their version)', usage: 'ketenbot tree publish FILE [--region NAME]' },
  'tree versions': { name: 'tree versions', summary: 'List the published decision-tree versions', usage: 'ketenbot tree versions [--region NAME]' },
  'tree rollback': { name: 'tree rollback', summary: 'Make an earlier decision-tree version active again (default: the one before the active one)', usage: 'ketenbot tree rollback [VERSION] [--region NAME]' },
} as const satisfies Record<string, { name: string; summary: string; usage: string }>;

