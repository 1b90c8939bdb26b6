import type { CliCommand } from '../command.ts';
import { adminGrant } from './admin.ts';
import { audit } from './audit.ts';
import { deliveries, deliveriesResend } from './deliveries.ts';
import { dbMigrate } from './db-migrate.ts';
import { directoryExport, directoryImport } from './directory.ts';
import { incidentRoute } from './incident.ts';
import { maintenanceList, maintenanceSchedule } from './maintenance.ts';
import { report } from './report.ts';
import { kbExport, kbImport, kbSearch, kbStats } from './kb.ts';
import { treeCheck, treePublish, treeRollback, treeVersions } from './tree.ts';

/** Every `ketenbot` command. Later features add theirs here. */
export const commands: CliCommand[] = [dbMigrate, directoryImport, directoryExport, kbImport, kbExport, kbSearch, kbStats, treeCheck, treePublish, treeVersions, treeRollback, adminGrant, deliveries, deliveriesResend, incidentRoute, maintenanceSchedule, maintenanceList, report, audit];
