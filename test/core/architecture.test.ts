import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The conversation core and the dialogs are platform- and database-neutral: they only see
 * Inbound / Reply / KeyValueStore. Chat SDKs, the web server and the database drivers live in
 * bot/ and storage/. This suite fails as soon as core/ or dialogs/ reaches for one of them.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NEUTRAL_DIRS = ['core', 'dialogs'];

/** Packages (and their subpaths) the neutral layers must never import. */
const FORBIDDEN = /^(?:botbuilder|botbuilder-[^/]+|botframework-[^/]+|@slack\/[^/]+|typeorm|restify|pg|sqlite3)(?:\/.*)?$/;

interface ModuleReference {
  specifier: string;
  line: number;
  form: 'import' | 'export' | 'import()' | 'require()' | 'import =' | 'import type()';
}

/** Every module a TypeScript source refers to, with its 1-based line: from the syntax tree, so comments and strings never count. */
function moduleReferences(source: string, fileName = 'sample.ts'): ModuleReference[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ModuleReference[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, form: ModuleReference['form']) => {
    if (literal && (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal))) {
      found.push({ specifier: literal.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, form });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, 'import');
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, 'export');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, 'import =');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], 'import()');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, node.arguments[0], 'require()');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, 'import type()');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const isForbidden = (specifier: string): boolean => FORBIDDEN.test(specifier);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

interface Violation {
  file: string;
  line: number;
  specifier: string;
  via?: string;
}

const describeViolations = (violations: Violation[]) =>
  violations.map((v) => `  ${v.file}:${v.line} imports "${v.specifier}"${v.via ? ` (reached from ${v.via})` : ''}`).join('\n');

function scan(files: string[]): Violation[] {
  return files.flatMap((path) =>
    moduleReferences(readFileSync(path, 'utf8'), path)
      .filter((ref) => isForbidden(ref.specifier))
      .map((ref) => ({ file: relative(ROOT, path), line: ref.line, specifier: ref.specifier })),
  );
}

describe('the import scanner', () => {
  const sample = [
    "import { ActivityHandler } from 'botbuilder';", // 1
    "import type { TurnContext } from 'botbuilder-core';", // 2
    "export { CloudAdapter } from 'botframework-connector';", // 3
    'const bolt = await import("@slack/bolt");', // 4
    "const pg = require('pg');", // 5
    "import { DataSource } from 'typeorm/browser';", // 6
    '// import restify from "restify"; (a comment, not an import)', // 7
    "const text = \"import sqlite3 from 'sqlite3'\"; // a string, not an import", // 8
    "import restify = require('restify');", // 9
    "export * from 'sqlite3';", // 10
    "type Storage = import('botbuilder').Storage;", // 11
    "import { normalizeText } from './normalize.ts';", // 12
    "import pgx from 'pgx';", // 13
    "import typeormish from 'typeorm-helper';", // 14
    "import { web } from '@slacker/web';", // 15
    'const lazy = () => import(`botframework-schema`);', // 16
  ].join('\n');

  it('finds every import form with its line number', () => {
    expect(moduleReferences(sample)).toEqual([
      { specifier: 'botbuilder', line: 1, form: 'import' },
      { specifier: 'botbuilder-core', line: 2, form: 'import' },
      { specifier: 'botframework-connector', line: 3, form: 'export' },
      { specifier: '@slack/bolt', line: 4, form: 'import()' },
      { specifier: 'pg', line: 5, form: 'require()' },
      { specifier: 'typeorm/browser', line: 6, form: 'import' },
      { specifier: 'restify', line: 9, form: 'import =' },
      { specifier: 'sqlite3', line: 10, form: 'export' },
      { specifier: 'botbuilder', line: 11, form: 'import type()' },
      { specifier: './normalize.ts', line: 12, form: 'import' },
      { specifier: 'pgx', line: 13, form: 'import' },
      { specifier: 'typeorm-helper', line: 14, form: 'import' },
      { specifier: '@slacker/web', line: 15, form: 'import' },
      { specifier: 'botframework-schema', line: 16, form: 'import()' },
    ]);
  });

  it.each([
    ['botbuilder', true],
    ['botbuilder-core', true],
    ['botbuilder/lib/x', true],
    ['botframework-webchat', true],
    ['@slack/bolt', true],
    ['@slack/web-api', true],
    ['typeorm', true],
    ['typeorm/browser', true],
    ['restify', true],
    ['pg', true],
    ['pg/lib/client', true],
    ['sqlite3', true],
    ['pgx', false],
    ['typeorm-helper', false],
    ['@slacker/web', false],
    ['./typeorm.ts', false],
    ['../storage/typeorm-key-value-store.ts', false],
    ['node:crypto', false],
    ['adaptivecards', false],
  ])('classifies %s as forbidden: %s', (specifier, forbidden) => {
    expect(isForbidden(specifier)).toBe(forbidden);
  });

  it('flags exactly the SDK and database imports of the sample, by line', () => {
    const flagged = moduleReferences(sample).filter((r) => isForbidden(r.specifier)).map((r) => `${r.line}:${r.specifier}`);
    expect(flagged).toEqual([
      '1:botbuilder',
      '2:botbuilder-core',
      '3:botframework-connector',
      '4:@slack/bolt',
      '5:pg',
      '6:typeorm/browser',
      '9:restify',
      '10:sqlite3',
      '11:botbuilder',
      '16:botframework-schema',
    ]);
  });
});

describe('architecture: core/ and dialogs/ stay free of chat SDKs, the web server and database drivers', () => {
  const files = NEUTRAL_DIRS.flatMap((dir) => tsFiles(join(ROOT, dir)));

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.map((f) => relative(ROOT, f))).toContain(join('core', 'conversation', 'engine.ts'));
  });

  it('no file under core/ or dialogs/ imports botbuilder, botframework-*, @slack/*, typeorm, restify, pg or sqlite3', () => {
    const violations = scan(files);
    expect(violations, `Forbidden imports in the neutral layers:\n${describeViolations(violations)}`).toEqual([]);
  });

  it('not even indirectly, through the project files they import (cards/i18n, cards/views, …)', () => {
    // Follow relative imports out of core/ and dialogs/ and check every project file reached.
    const seen = new Map<string, string>(files.map((f) => [f, relative(ROOT, f)]));
    const queue = [...files];
    const violations: Violation[] = [];
    while (queue.length) {
      const path = queue.shift()!;
      for (const ref of moduleReferences(readFileSync(path, 'utf8'), path)) {
        if (isForbidden(ref.specifier)) {
          const rel = relative(ROOT, path);
          violations.push({ file: rel, line: ref.line, specifier: ref.specifier, ...(seen.get(path) !== rel ? { via: seen.get(path)! } : {}) });
        } else if (ref.specifier.startsWith('.')) {
          const target = resolve(dirname(path), ref.specifier);
          if (!seen.has(target)) {
            seen.set(target, seen.get(path)!);
            queue.push(target);
          }
        }
      }
    }
    expect(violations, `Forbidden imports reachable from core/ or dialogs/:\n${describeViolations(violations)}`).toEqual([]);
  });
});
