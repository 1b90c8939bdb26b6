import type { CliCommand } from '../command.ts';
import { dbMigrate } from './db-migrate.ts';

/** Every `ketenbot` command. Later features add theirs here. */
export const commands: CliCommand[] = [dbMigrate];
