import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import { loadDemoDirectory, openDialogHarness } from '../../test/dialogs/dialog-harness.ts';
import { stem, words } from '../../core/domain/knowledge-base/text-analysis.ts';
import { STOPWORDS } from '../../core/domain/knowledge-base/stopwords.ts';
it('probe', async () => {
  const h = await openDialogHarness();
  const d = await loadDemoDirectory(h);
  const kb = JSON.parse(readFileSync('data/demo-kb.json','utf8'));
  await importKbEntries(h.services.kb, kb, { actor:'t', now: h.clock.now(), knownApplicationIds: new Set(d.applications.map(a=>a.id)) });
  for (const q of ['bericht','viewer','overdracht','account','uzi','certificaat','hoe vraag ik verlof aan','how do I request holiday leave','verlof aanvragen voor cliënt 123456782', 'verlof', 'vakantie aanvragen', 'hoe vraag ik vakantie aan']) {
    const ws = words(q).filter(w=>!STOPWORDS.nl.has(w)&&!STOPWORDS.en.has(w));
    console.log(q, ws, ws.map(w=>[stem(w,'nl'),stem(w,'en')]), (await h.services.kbSearch.search(q,{language:'nl', limit: 10})).length);
  }
  await h.dispose();
});
