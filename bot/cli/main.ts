import 'dotenv/config';
import { commands } from './commands/index.ts';
import { runCli } from './run-cli.ts';

const code = await runCli(process.argv.slice(2), commands, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
