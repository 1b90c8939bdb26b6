import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../../core/domain/directory/validate-directory.ts';
import { validateKbEntries } from '../../../../core/domain/knowledge-base/validate-entries.ts';

const root = (path: string) => new URL(`../../../../${path}`, import.meta.url);
const demoKb = () => JSON.parse(readFileSync(root('data/demo-kb.json'), 'utf8')) as { entries: Array<Record<string, any>> };
const demoApplicationIds = () =>
  new Set((JSON.parse(readFileSync(root('data/demo-directory.json'), 'utf8')) as { applications: Array<{ id: string }> }).applications.map((a) => a.id));

const entry = (over: Record<string, unknown> = {}): Record<string, any> => ({
  id: 'kb-test-1',
  language: 'nl',
  title: 'Inloggen lukt niet',
  problem: 'Na het inloggen blijft het scherm wit.',
  solution: 'Wis de cache van de browser en probeer opnieuw.',
  tags: ['inloggen', 'wit scherm'],
  applicationIds: ['app-medicura-epd'],
  audience: 'zorgverlener',
  ...over,
});

function problemsOf(input: unknown, known?: Set<string>): Problem[] {
  const result = validateKbEntries(input, known);
  if (!('problems' in result)) throw new Error('expected problems, but the entries validated');
  return result.problems;
}

describe('validateKbEntries', () => {
  it('the demo knowledge base validates against the demo directory: 54 entries', () => {
    const result = validateKbEntries(demoKb(), demoApplicationIds());
    if ('problems' in result) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(result.entries).toHaveLength(54);
    expect(result.entries.filter((e) => e.language === 'en')).toHaveLength(6);
  });

  it('accepts a bare list as well as {"entries": [...]}', () => {
    expect(validateKbEntries([entry()])).toEqual({ entries: [expect.objectContaining({ id: 'kb-test-1' })] });
    expect(validateKbEntries({ entries: [entry()] })).toEqual({ entries: [expect.objectContaining({ id: 'kb-test-1' })] });
  });

  it('trims text, drops empty tags, defaults the audience, and leaves "published" out when the file does', () => {
    const result = validateKbEntries([entry({ title: '  Inloggen lukt niet  ', tags: [' inloggen ', '', '  '], audience: undefined })]);
    expect(result).toEqual({
      entries: [{
        id: 'kb-test-1', language: 'nl', title: 'Inloggen lukt niet', problem: 'Na het inloggen blijft het scherm wit.', solution: 'Wis de cache van de browser en probeer opnieuw.',
        tags: ['inloggen'], applicationIds: ['app-medicura-epd'], audience: 'zorgverlener',
      }],
    });
  });

  it('keeps published: false', () => {
    expect(validateKbEntries([entry({ published: false })])).toEqual({ entries: [expect.objectContaining({ published: false })] });
  });

  it('a title of exactly 200 characters is fine', () => {
    expect(validateKbEntries([entry({ title: 'x'.repeat(200) })])).toHaveProperty('entries');
  });

  type Case = [string, string, Record<string, unknown>, RegExp];
  it.each<Case>([
    ['missing title', 'entries[0].title', { title: undefined }, /required/],
    ['blank title', 'entries[0].title', { title: '  ' }, /required/],
    ['missing problem', 'entries[0].problem', { problem: undefined }, /required/],
    ['missing solution', 'entries[0].solution', { solution: undefined }, /required/],
    ['missing id', 'entries[0].id', { id: undefined }, /required/],
    ['id with a slash', 'entries[0].id', { id: 'kb/1' }, /"kb\/1"/],
    ['language "de"', 'entries[0].language', { language: 'de' }, /"nl" or "en"/],
    ['missing language', 'entries[0].language', { language: undefined }, /required/],
    ['too-long title', 'entries[0].title', { title: 'x'.repeat(201) }, /longer than 200/],
    ['too-long problem', 'entries[0].problem', { problem: 'x'.repeat(4001) }, /longer than 4000/],
    ['too-long solution', 'entries[0].solution', { solution: 'x'.repeat(8001) }, /longer than 8000/],
    ['published not boolean', 'entries[0].published', { published: 'yes' }, /true or false/],
    ['published as a number', 'entries[0].published', { published: 1 }, /true or false/],
    ['unknown audience', 'entries[0].audience', { audience: 'patient' }, /zorgverlener, servicedesk, beheerder/],
    ['tags not a list', 'entries[0].tags', { tags: 'inloggen' }, /list/],
    ['applicationIds with a number', 'entries[0].applicationIds', { applicationIds: [7] }, /list/],
  ])('%s → %s', (_label, path, over, message) => {
    const problems = problemsOf([entry(over)]);
    const hit = problems.find((p) => p.path === path);
    expect(hit, `problems were: ${JSON.stringify(problems)}`).toBeDefined();
    expect(hit!.message).toMatch(message);
  });

  it.each([
    ['a list', ['beheerder']],
    ['a number', 3],
    ['true', true],
  ])('an audience that is not text (%s) is a problem, not silently "zorgverlener"', (_label, audience) => {
    // Otherwise an entry meant for administrators would be shown to care providers.
    expect(problemsOf([entry({ audience })]).map((p) => p.path)).toContain('entries[0].audience');
  });

  it('an unknown applicationId is a problem only when the known set is given', () => {
    const known = new Set(['app-medicura-epd', 'app-westlink']);
    const input = [entry({ applicationIds: ['app-medicura-epd', 'app-onbekend'] })];
    expect(problemsOf(input, known)).toEqual([{ path: 'entries[0].applicationIds[1]', message: 'unknown application "app-onbekend"' }]);
    expect(validateKbEntries(input)).toHaveProperty('entries');
  });

  it('a duplicate id is named at the second entry', () => {
    expect(problemsOf([entry(), entry({ title: 'Anders' })])).toEqual([{ path: 'entries[1].id', message: 'duplicate id "kb-test-1"' }]);
  });

  it('every problem of a file is reported, each with its path', () => {
    const known = demoApplicationIds();
    const file = demoKb();
    delete file.entries[0]!.title;
    file.entries[1]!.language = 'de';
    file.entries[2]!.applicationIds = ['app-bestaat-niet'];
    file.entries[3]!.id = file.entries[4]!.id;
    file.entries[5]!.title = 'T'.repeat(250);
    file.entries[6]!.published = 'nee';
    (file.entries as unknown[])[7] = 'geen object';
    const problems = problemsOf(file, known);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'entries[0].title',
      'entries[1].language',
      'entries[2].applicationIds[0]',
      'entries[4].id',
      'entries[5].title',
      'entries[6].published',
      'entries[7]',
    ]);
  });

  it.each([
    ['null', null],
    ['text', 'entries'],
    ['an object without entries', { items: [] }],
    ['entries that are not a list', { entries: { 'kb-1': {} } }],
  ])('input that is not a list of entries (%s) is one problem at "$"', (_label, input) => {
    expect(problemsOf(input)).toEqual([{ path: '$', message: expect.stringMatching(/entries/) }]);
  });

  it('refuses citizen service numbers in the title, problem, solution and tags, naming the field; numbers that fail the 11-test pass', () => {
    const problems = problemsOf({ entries: [entry({ title: 'BSN 123456782 onvindbaar', problem: 'Patiënt 111.222.333', solution: 'ok', tags: ['123 456 782'] })] });
    expect(problems.map((p) => p.path)).toEqual(['entries[0].title', 'entries[0].problem', 'entries[0].tags[0]']);
    expect(problems[0]!.message).toMatch(/citizen service number \(BSN\) "123456782"/);
    expect(validateKbEntries({ entries: [entry({ problem: 'Foutcode 123456789 bij het openen' })] })).not.toHaveProperty('problems');
  });
});

describe('validateKbEntries: alternative questions', () => {
  const NOW = new Date('2026-03-02T09:00:00.000Z');
  const questions = (list: unknown, privacy: { now?: Date; notNames?: string[] } = { now: NOW }) => validateKbEntries([entry({ questions: list })], undefined, privacy);
  const pathsOf = (result: ReturnType<typeof validateKbEntries>) => ('problems' in result ? result.problems.map((p) => p.path) : []);

  it('are optional: an entry without them has none given (an import then keeps what is stored); given, they are trimmed and tidied', () => {
    const without = validateKbEntries([entry()]);
    expect('entries' in without && without.entries[0]).not.toHaveProperty('questions');
    expect(questions(['  wachtwoord   kwijt ', '', 'kan niet inloggen na de update'])).toEqual({
      entries: [expect.objectContaining({ questions: ['wachtwoord kwijt', 'kan niet inloggen na de update'] })],
    });
    expect(questions([])).toEqual({ entries: [expect.objectContaining({ questions: [] })] });
  });

  it('repeats, however typed (case, accents, punctuation, spacing), are kept once, the first as typed', () => {
    expect(questions(['Scherm blijft wit?', 'scherm  blijft wit', 'SCHÉRM BLIJFT WIT!', 'scherm blijft zwart'])).toEqual({
      entries: [expect.objectContaining({ questions: ['Scherm blijft wit?', 'scherm blijft zwart'] })],
    });
  });

  it('each 3 to 300 characters: shorter and longer are refused with their index', () => {
    expect(questions(['abc', 'x'.repeat(300)])).toHaveProperty('entries');
    const result = questions(['ok', 'wachtwoord vergeten', 'y'.repeat(301), '?!']);
    expect(pathsOf(result)).toEqual(['entries[0].questions[0]', 'entries[0].questions[2]', 'entries[0].questions[3]']);
    expect('problems' in result && result.problems.map((p) => p.message)).toEqual([
      'is shorter than 3 characters', 'is longer than 300 characters', 'is shorter than 3 characters',
    ]);
  });

  it('at most 50', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `vraag nummer ${i + 1} over inloggen`);
    expect(questions(fifty)).toHaveProperty('entries');
    const result = questions([...fifty, 'nog een vraag over inloggen']);
    expect('problems' in result && result.problems).toEqual([{ path: 'entries[0].questions', message: 'has 51 questions; at most 50' }]);
  });

  it('must be a list of text', () => {
    expect(pathsOf(questions('wachtwoord vergeten'))).toEqual(['entries[0].questions']);
    expect(pathsOf(questions(['wachtwoord vergeten', 42]))).toEqual(['entries[0].questions']);
  });

  it('no patient details: a citizen service number, a patient\'s name, a date of birth (with today\'s date) are refused; system words are not names', () => {
    const result = questions([
      'dossier van 123 456 782 is leeg',
      'cliënt Jansen kan niet inloggen',
      'mw. de Vries ziet geen uitslagen',
      'geboren 12-03-1990 en geen dossier',
      'cliënt Portaal geeft een foutmelding',
      'patiënt kan niet inloggen in de app',
    ]);
    expect(pathsOf(result)).toEqual(['entries[0].questions[0]', 'entries[0].questions[1]', 'entries[0].questions[2]', 'entries[0].questions[3]']);
    const messages = 'problems' in result ? result.problems.map((p) => p.message) : [];
    expect(messages[0]).toMatch(/citizen service number \(BSN\) "123 456 782"/);
    expect(messages[1]).toMatch(/patient's name or date of birth \("cliënt Jansen"\)/);
    expect(messages[3]).toMatch(/date of birth/);
  });

  it('names of the directory are not a patient\'s; without today\'s date only names are looked for', () => {
    expect(questions(['cliënt Medicura geeft een foutmelding'], { now: NOW, notNames: ['Medicura EPD'] })).toHaveProperty('entries');
    expect(questions(['cliënt Medicura geeft een foutmelding'], { now: NOW })).toHaveProperty('problems');
    expect(pathsOf(questions(['cliënt Jansen kan niet inloggen', 'geboren 12-03-1990 en geen dossier'], {}))).toEqual(['entries[0].questions[0]']);
  });
});
