/**
 * Builds the Teams app package: substitutes the bot's app ID into manifest.json, validates it
 * (schema + icon sizes) and zips manifest, translations and icons.
 * CLI: npm run package:teams (reads MicrosoftAppId from the environment or .env).
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { readPngSize } from './icons/png.ts';
import { validateTeamsLocalization, validateTeamsManifest } from './validate-manifest.ts';

const TEAMS_DIR = fileURLToPath(new URL('.', import.meta.url));
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const ICON_SIZES = { color: 192, outline: 32 } as const;

interface TeamsManifest {
  icons: Record<keyof typeof ICON_SIZES, string>;
  localizationInfo?: { additionalLanguages?: { languageTag: string; file: string }[] };
}

export function appIdProblem(appId: string | undefined): string | undefined {
  const expected = "the bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000";
  if (!appId) return `MicrosoftAppId is not set: expected ${expected} (set it in the environment or .env)`;
  if (!GUID.test(appId)) return `MicrosoftAppId "${appId}" is not valid: expected ${expected}`;
  return undefined;
}

/** The committed manifest with placeholders filled in; throws when any placeholder is left. */
export function renderManifest(appId: string, sourceDir = TEAMS_DIR): object {
  const text = readFileSync(join(sourceDir, 'manifest.json'), 'utf8').replaceAll('${{MicrosoftAppId}}', appId);
  const leftover = /\$\{\{[^}]*\}\}/.exec(text);
  if (leftover) throw new Error(`manifest.json still contains the placeholder ${leftover[0]}`);
  return JSON.parse(text) as object;
}

function fail(file: string, errors: string[]): never {
  throw new Error(`${file} is invalid:\n  ${errors.join('\n  ')}`);
}

/** Validates and writes `<outDir>/ketenbot.zip`; resolves to the zip's path. */
export async function packageTeamsApp(options: { appId: string; outDir?: string; sourceDir?: string }): Promise<string> {
  const { appId, outDir = join(TEAMS_DIR, 'build'), sourceDir = TEAMS_DIR } = options;
  const problem = appIdProblem(appId);
  if (problem) throw new Error(problem);

  const manifest = renderManifest(appId, sourceDir);
  const manifestErrors = validateTeamsManifest(manifest);
  if (manifestErrors.length) fail('manifest.json', manifestErrors);

  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')]]);
  const { icons, localizationInfo } = manifest as TeamsManifest;

  for (const { file } of localizationInfo?.additionalLanguages ?? []) {
    const content = readFileSync(join(sourceDir, file));
    const errors = validateTeamsLocalization(JSON.parse(content.toString('utf8')) as object);
    if (errors.length) fail(file, errors);
    files.set(file, content);
  }

  for (const [kind, size] of Object.entries(ICON_SIZES) as [keyof typeof ICON_SIZES, number][]) {
    const png = readFileSync(join(sourceDir, icons[kind]));
    const { width, height } = readPngSize(png);
    if (width !== size || height !== size) {
      throw new Error(`${icons[kind]} is ${width}×${height}: the ${kind} icon must be ${size}×${size}`);
    }
    files.set(icons[kind], png);
  }

  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, 'ketenbot.zip');
  const zip = new yazl.ZipFile();
  for (const [name, content] of files) zip.addBuffer(content, name);
  zip.end();
  const out = zip.outputStream.pipe(createWriteStream(zipPath));
  await once(out, 'close');
  return zipPath;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await import('dotenv/config'); // loads .env; only for the CLI so importing this module has no side effects
  const appId = process.env.MicrosoftAppId;
  const problem = appIdProblem(appId);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  try {
    console.log(await packageTeamsApp({ appId: appId! }));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
