import { readFileSync } from 'node:fs';
import type { Problem } from '../../core/domain/directory/validate-directory.ts';
import type { CliContext } from './command.ts';
import { counted } from './counted.ts';

/** Reads a JSON file for an import; undefined (after saying why) when it cannot be read. */
export function readJsonFile(ctx: CliContext, path: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    ctx.err(`Cannot read ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Every problem of a refused import, with its path; the exit code. */
export function reportProblems(ctx: CliContext, path: string, problems: Problem[]): number {
  ctx.err(`Nothing was imported: ${counted(problems.length, 'problem', 'problems')} in ${path}:`);
  for (const p of problems) ctx.err(`  ${p.path}: ${p.message}`);
  return 1;
}
