import type { CliCommand } from '../command.ts';
import { CLI_COMMANDS } from './catalogue.ts';

type Name = keyof typeof CLI_COMMANDS;

/** Each command's code, loaded when it runs (typeorm and the services take most of a second to load). */
const LOADERS: Record<Name, () => Promise<CliCommand>> = {
  'db migrate': () => import('./db-migrate.ts').then((m) => m.dbMigrate),
  'directory import': () => import('./directory.ts').then((m) => m.directoryImport),
  'directory export': () => import('./directory.ts').then((m) => m.directoryExport),
  'kb import': () => import('./kb.ts').then((m) => m.kbImport),
  'kb export': () => import('./kb.ts').then((m) => m.kbExport),
  'kb search': () => import('./kb.ts').then((m) => m.kbSearch),
  'kb stats': () => import('./kb.ts').then((m) => m.kbStats),
  'tree check': () => import('./tree.ts').then((m) => m.treeCheck),
  'tree publish': () => import('./tree.ts').then((m) => m.treePublish),
  'tree versions': () => import('./tree.ts').then((m) => m.treeVersions),
  'tree rollback': () => import('./tree.ts').then((m) => m.treeRollback),
  'admin grant': () => import('./admin.ts').then((m) => m.adminGrant),
  'deliveries': () => import('./deliveries.ts').then((m) => m.deliveries),
  'deliveries resend': () => import('./deliveries.ts').then((m) => m.deliveriesResend),
  'incident route': () => import('./incident.ts').then((m) => m.incidentRoute),
  'maintenance schedule': () => import('./maintenance.ts').then((m) => m.maintenanceSchedule),
  'maintenance list': () => import('./maintenance.ts').then((m) => m.maintenanceList),
  'report': () => import('./report.ts').then((m) => m.report),
  'audit': () => import('./audit.ts').then((m) => m.audit),
};

const lazy = (name: Name): CliCommand => ({
  ...CLI_COMMANDS[name],
  run: async (ctx) => (await LOADERS[name]()).run(ctx),
});

/** Every `ketenbot` command, in the order `--help` lists them. Later features add theirs to catalogue.ts and here. */
export const commands: CliCommand[] = (['db migrate', 'directory import', 'directory export', 'kb import', 'kb export', 'kb search', 'kb stats', 'tree check', 'tree publish', 'tree versions', 'tree rollback', 'admin grant', 'deliveries', 'deliveries resend', 'incident route', 'maintenance schedule', 'maintenance list', 'report', 'audit'] as const).map(lazy);
