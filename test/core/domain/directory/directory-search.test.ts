import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchDirectory, type DirectoryHit } from '../../../../core/domain/directory/directory-search.ts';
import type { DirectoryDocument } from '../../../../core/domain/directory/types.ts';
import { validateDirectory } from '../../../../core/domain/directory/validate-directory.ts';

const checked = validateDirectory(JSON.parse(readFileSync(new URL('../../../../data/demo-directory.json', import.meta.url), 'utf8')));
if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
const directory: DirectoryDocument = checked.document;

const ids = (hits: DirectoryHit[]) => hits.map((h) => h.item.id);
const names = (hits: DirectoryHit[]) => hits.map((h) => h.item.name);

describe('searchDirectory over the demo directory', () => {
  describe('a clearly best hit → exactly that one', () => {
    it.each<[string, string]>([
      // exact names, any case
      ['RivierenNet uitwisselplatform', 'app-rivierennet'],
      ['rivierennet', 'app-rivierennet'],
      ['RIVIERENNET', 'app-rivierennet'],
      ['RivierenNet?', 'app-rivierennet'],
      ['Ziekenhuis Lindendael', 'org-ziekenhuis-lindendael'],
      ['ziekenhuis lindendael', 'org-ziekenhuis-lindendael'],
      ['westlink', 'app-westlink'],
      ['Zorgadresboek', 'app-zorgadresboek'],
      ['Identiteitsdienst', 'app-identiteitsdienst'],
      // diacritics
      ['Zïekenhuis Lîndendaël', 'org-ziekenhuis-lindendael'],
      ['Lindendäel', 'org-ziekenhuis-lindendael'],
      // small typos
      ['lindedael', 'org-ziekenhuis-lindendael'],
      ['Duinzigt', 'org-ziekenhuis-duinzicht'],
      ['ooievaarnest', 'org-kz-ooievaarsnest'],
      // ids with and without prefix
      ['app-westlink', 'app-westlink'],
      ['org-gtk-westlink', 'org-gtk-westlink'],
      ['gtk-westlink', 'org-gtk-westlink'],
      ['org-lev-medicura', 'org-lev-medicura'],
      ['lev-medicura', 'org-lev-medicura'],
      ['medicura-epd', 'app-medicura-epd'],
      ['app-medicura-epd', 'app-medicura-epd'],
      // several words
      ['medicura epd', 'app-medicura-epd'],
      ['Medicura JGZ', 'app-medicura-jgz'],
      ['panorama viewer', 'app-panorama-viewer'],
      ['sint amandus', 'org-sint-amandus-gasthuis'],
      ['landelijke helpdesk', 'org-lhdz'],
      ['kraamzorg wiegewijs', 'org-kz-wiegewijs'],
      ['lindendael ziekenhuis', 'org-ziekenhuis-lindendael'],
      ['twiin', 'org-twiin-ketenregie'],
    ])('%j → %s', (query, id) => {
      expect(ids(searchDirectory(directory, query))).toEqual([id]);
    });
  });

  describe('small typos in a name shared by an application and its organisation → the application first', () => {
    it.each<[string, string, string]>([
      ['rivierenet', 'app-rivierennet', 'org-gtk-rivierennet'],
      ['zorgadresbook', 'app-zorgadresboek', 'org-gv-zorgadresboek'],
      ['zorgadresbok', 'app-zorgadresboek', 'org-gv-zorgadresboek'],
      ['Geboortenett', 'app-geboortenet', 'org-gtk-geboortenet'],
    ])('%j → %s, then %s', (query, first, second) => {
      expect(ids(searchDirectory(directory, query))).toEqual([first, second]);
    });
  });

  describe('restricted to one kind', () => {
    it('"rivierenet" among applications only → the application alone; among organisations only → the organisation alone', () => {
      expect(ids(searchDirectory(directory, 'rivierenet', 'application'))).toEqual(['app-rivierennet']);
      expect(ids(searchDirectory(directory, 'rivierenet', 'organisation'))).toEqual(['org-gtk-rivierennet']);
    });
    it('"medicura" among organisations only → the supplier alone; among applications only → its two applications', () => {
      expect(ids(searchDirectory(directory, 'medicura', 'organisation'))).toEqual(['org-lev-medicura']);
      expect(ids(searchDirectory(directory, 'medicura', 'application')).sort()).toEqual(['app-medicura-epd', 'app-medicura-jgz']);
    });
    it('an application id never comes back as an organisation, nor the other way round', () => {
      expect(searchDirectory(directory, 'app-westlink', 'organisation')).toEqual([]);
      expect(searchDirectory(directory, 'org-gtk-westlink', 'application')).toEqual([]);
    });
  });

  describe('nonsense → no hits', () => {
    it.each([['xyz'], ['qwerty blub'], ['zzzzzzzz'], [''], ['   '], ['?'], ['ziekenhuis qwerty'], ['org-bestaat-niet']])('%j', (query) => {
      expect(searchDirectory(directory, query)).toEqual([]);
    });
  });

  describe('a query matching several → a short list (2 to 8), best first', () => {
    it.each<[string, string[]]>([
      ['medicura', ['app-medicura-epd', 'app-medicura-jgz', 'org-lev-medicura']],
      ['panorama', ['app-panorama-pgo', 'app-panorama-viewer', 'org-lev-panorama']],
      ['ziekenhuis', ['org-ziekenhuis-duinzicht', 'org-ziekenhuis-lindendael']],
      ['kraamzorg', ['org-kz-het-getij', 'org-kz-ooievaarsnest', 'org-kz-wiegewijs']],
      ['verloskundigenpraktijk', ['org-vp-de-meander', 'org-vp-helmgras', 'org-vp-waaloever']],
      ['gtk', ['org-gtk-geboortenet', 'org-gtk-rivierennet', 'org-gtk-westlink']],
    ])('%j → %j', (query, expected) => {
      const hits = searchDirectory(directory, query);
      expect(hits.length).toBeGreaterThan(1);
      expect(hits.length).toBeLessThanOrEqual(8);
      expect(ids(hits).sort()).toEqual(expected);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    });

    it('a very common word ("zorg": 12 names) → at most 8, the best ones', () => {
      const hits = searchDirectory(directory, 'zorg');
      expect(hits).toHaveLength(8);
      expect(ids(hits).slice(0, 2).sort()).toEqual(['app-zorgadresboek', 'org-gv-zorgadresboek']);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    });
  });

  describe('equally good hits come in a stable, readable order: applications before organisations, then by name', () => {
    // directory-search.ts sorts with `b.score - a.score || (a.type === 'application' ? -1 : 1) || name`:
    // the middle term is never 0, so the name order is never reached and ties keep whatever order the sort leaves.
    it.each<[string, string[]]>([
      ['medicura', ['Medicura EPD', 'Medicura JGZ-dossier', 'Medicura Zorgsystemen']],
      ['panorama', ['Panorama Geboortezorgviewer', 'Panorama PGO-koppeling', 'Panorama Zorgviewers B.V.']],
      ['kraamzorg', ['Kraamzorg Het Getij', 'Kraamzorg Ooievaarsnest', 'Kraamzorg Wiegewijs']],
      ['verloskundigenpraktijk', ['Verloskundigenpraktijk De Meander', 'Verloskundigenpraktijk Helmgras', 'Verloskundigenpraktijk Waaloever']],
    ])('%j → %j', (query, expected) => {
      expect(names(searchDirectory(directory, query))).toEqual(expected);
    });
  });
});
