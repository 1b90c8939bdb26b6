/**
 * Validates Teams app manifests and localization files against the official JSON schemas
 * shipped in @microsoft/app-manifest, picking the schema of the version the file declares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04'; // the Teams schemas declare draft-04
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMA_ROOT = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams',
);
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v([0-9.]+|DevPreview)\/MicrosoftTeams\.(schema|Localization\.schema)\.json$/;

type SchemaKind = 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json';

export function officialSchemaUrl(version: string, kind: SchemaKind): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/${kind}`;
}

// strict: false — the schemas carry keywords ajv's strict mode rejects.
// unicodeRegExp: false — some Localization patterns (an unescaped `]`) are invalid under the `u` flag.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

function validator(version: string, kind: SchemaKind): ValidateFunction | string {
  const file = join(SCHEMA_ROOT, `v${version}`, kind);
  if (!existsSync(file)) return `no official schema for version "${version}" (looked for ${file})`;
  let validate = compiled.get(file);
  if (!validate) {
    const { $schema: _ignored, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    validate = ajv.compile(schema);
    compiled.set(file, validate);
  }
  return validate;
}

function describe(e: ErrorObject): string {
  const detail =
    e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})`
    : e.keyword === 'enum' ? ` (${(e.params.allowedValues as unknown[]).join(', ')})`
    : '';
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}${detail}`;
}

function run(json: object, version: string, kind: SchemaKind): string[] {
  const validate = validator(version, kind);
  if (typeof validate === 'string') return [validate];
  const errors = validate(json) ? [] : (validate.errors ?? []).map(describe);
  const declared = (json as { $schema?: unknown }).$schema;
  if (declared !== undefined && declared !== officialSchemaUrl(version, kind)) {
    errors.push(`/$schema should be ${officialSchemaUrl(version, kind)}`);
  }
  return errors;
}

/** Errors (empty when valid) for a manifest, checked against the schema of its `manifestVersion`. */
export function validateTeamsManifest(manifest: object): string[] {
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== 'string') return ['/manifestVersion must be a string such as "1.24"'];
  return run(manifest, version, 'MicrosoftTeams.schema.json');
}

/** Errors for a localization file; the schema version comes from its `$schema` URL (or `version`). */
export function validateTeamsLocalization(json: object, version?: string): string[] {
  const declared = (json as { $schema?: unknown }).$schema;
  const fromUrl = typeof declared === 'string' ? SCHEMA_URL.exec(declared)?.[1] : undefined;
  const v = version ?? fromUrl;
  if (!v) return ['/$schema must be the official Localization schema URL, e.g. ' + officialSchemaUrl('1.24', 'MicrosoftTeams.Localization.schema.json')];
  return run(json, v, 'MicrosoftTeams.Localization.schema.json');
}
