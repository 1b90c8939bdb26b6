/**
 * Fits the knowledge-base score model (`npm run fit:kb`): a logistic regression over the features
 * of kb-scoring.ts (`scoreFeatures`), on both question sets of test/relevance (the realistic
 * questions and the keyword queries) against the demo knowledge base, and chooses the answer and suggestion thresholds. Prints the weights to paste
 * into SCORE_MODEL and the tiers into kb-search.ts, with 2-fold cross-validated figures (fitted on
 * half of the questions, measured on the other half) so the numbers are not only the fit's own.
 *
 * The labels: for an answerable question, its expected entries in the language the search would
 * show (the user's, or the other when the user's has none) are positives; every other candidate is
 * a negative. Unanswerable questions contribute only negatives.
 */
import { readFileSync } from 'node:fs';
import { loadSynonyms } from '../bot/kb-synonyms.ts';
import type { IndexedEntry, KbSearchIndex } from '../core/domain/knowledge-base/kb-search-index.ts';
import { KbSearch, type Language } from '../core/domain/knowledge-base/kb-search.ts';
import { probability } from '../core/domain/knowledge-base/kb-scoring.ts';
import { questionScope } from '../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../core/domain/knowledge-base/synonyms.ts';
import type { KbEntry } from '../core/domain/knowledge-base/types.ts';
import { indexedEntry } from '../storage/knowledge-base/kb-search-index.ts';

type Question = { q: string; lang: Language; expected: string[] };
type Candidate = { id: string; language: Language; features: number[] };
type Sample = { question: Question; candidates: Candidate[] };
type Model = { bias: number; weights: number[] };

const file = (path: string) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

/** Every entry holding a term: the explanation covers all candidates, as the memory engine scores them. */
class WholeIndex implements KbSearchIndex {
  constructor(private readonly entries: IndexedEntry[]) {}
  async candidates(terms: string[]) {
    const wanted = new Set(terms);
    return this.entries.filter((e) => [...e.titleTerms, ...e.tagTerms, ...e.bodyTerms].some((t) => wanted.has(t))).map((e) => ({ ...e, rank: 0 }));
  }
  async allEntries() {
    return this.entries;
  }
}

/** The entries the search would show for this question: the user's language, or the other when the right answer only exists there. */
function pool(question: Question, candidates: Candidate[], languageOf: Map<string, Language>): Candidate[] {
  const own = question.expected.length === 0 || question.expected.some((id) => languageOf.get(id) === question.lang);
  const language = own ? question.lang : question.lang === 'nl' ? 'en' : 'nl';
  return candidates.filter((c) => c.language === language);
}

function fit(samples: Sample[], languageOf: Map<string, Language>, features: number): Model {
  const rows: Array<{ x: number[]; y: number; w: number }> = [];
  for (const s of samples) {
    const candidates = pool(s.question, s.candidates, languageOf);
    const positives = candidates.filter((c) => s.question.expected.includes(c.id)).length;
    for (const c of candidates) {
      const y = s.question.expected.includes(c.id) ? 1 : 0;
      // Each question weighs the same in total, whatever its number of candidates.
      rows.push({ x: c.features, y, w: y ? 1 / Math.max(1, positives) : 1 / Math.max(1, candidates.length - positives) });
    }
  }
  const model: Model = { bias: 0, weights: new Array<number>(features).fill(0) };
  const l2 = 0.01;
  for (let step = 0; step < 4000; step++) {
    const rate = 0.5 / (1 + step / 1000);
    let gb = 0;
    const gw = new Array<number>(features).fill(0);
    let total = 0;
    for (const { x, y, w } of rows) {
      let z = model.bias;
      for (let i = 0; i < features; i++) z += model.weights[i]! * x[i]!;
      const err = (1 / (1 + Math.exp(-z)) - y) * w;
      gb += err;
      for (let i = 0; i < features; i++) gw[i]! += err * x[i]!;
      total += w;
    }
    model.bias -= (rate * gb) / total;
    for (let i = 0; i < features; i++) model.weights[i]! -= rate * (gw[i]! / total + l2 * model.weights[i]!);
  }
  return model;
}

/** Per question: its top 3 in the shown language, with the model's scores. */
function rankAll(samples: Sample[], model: Model, languageOf: Map<string, Language>) {
  return samples.map((s) => ({
    question: s.question,
    // Clinical or personal: no results; outside the chain's systems: a tier lower (KbSearch.search).
    outside: questionScope(s.question.q) !== 'chain',
    none: questionScope(s.question.q) === 'none',
    top: pool(s.question, s.candidates, languageOf)
      .map((c) => ({ id: c.id, score: probability(c.features, model) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, 3),
  }));
}

/** Thresholds: answers above every unanswerable question's best (with a margin); suggestions for at most `share` of them. */
function chooseTiers(ranked: ReturnType<typeof rankAll>, share: number) {
  const unanswerableBest = ranked.filter((r) => !r.question.expected.length && !r.outside).map((r) => r.top[0]?.score ?? 0).sort((a, b) => b - a);
  const answer = Math.min(0.95, (unanswerableBest[0] ?? 0) + 0.02);
  // Suggestions for at most `share` of the unanswerable questions: those outside the chain only from the answer score on.
  const unanswerable = ranked.filter((r) => !r.question.expected.length);
  const suggested = (s: number) => unanswerable.filter((r) => !r.none && (r.top[0]?.score ?? 0) >= (r.outside ? answer : s)).length;
  let suggestion = answer;
  while (suggestion > 0.05 && suggested(suggestion - 0.005) <= unanswerable.length * share) suggestion -= 0.005;
  return { answer: Math.round(answer * 1000) / 1000, suggestion: Math.round(suggestion * 1000) / 1000 };
}

function measure(ranked: ReturnType<typeof rankAll>, tiers: { answer: number; suggestion: number }) {
  const answerable = ranked.filter((r) => r.question.expected.length);
  const unanswerable = ranked.filter((r) => !r.question.expected.length);
  // Outside the chain, a tier lower: suggestions only from the answer score on, never sure.
  const hit = (r: (typeof ranked)[number], min: number) => !(r.none && min > 0) && r.top.some((h) => h.score >= (r.outside && min > 0 ? Math.max(min, tiers.answer) : min) && r.question.expected.includes(h.id));
  return {
    recall: answerable.filter((r) => hit(r, tiers.suggestion)).length / answerable.length,
    sureRecall: answerable.filter((r) => !r.outside && hit(r, tiers.answer)).length / answerable.length,
    rankingTop3: answerable.filter((r) => hit(r, 0)).length / answerable.length,
    unanswerableSure: unanswerable.filter((r) => !r.outside && (r.top[0]?.score ?? 0) >= tiers.answer).length,
    unanswerableSuggested: unanswerable.filter((r) => !r.none && (r.top[0]?.score ?? 0) >= (r.outside ? tiers.answer : tiers.suggestion)).length / unanswerable.length,
  };
}

const f3 = (n: number) => n.toFixed(3);
const show = (label: string, m: ReturnType<typeof measure>) =>
  console.log(`${label.padEnd(34)} recall@3 ${f3(m.recall)}  sure ${f3(m.sureRecall)}  ranking ${f3(m.rankingTop3)}  unanswerable: sure ${m.unanswerableSure}, suggestions ${(m.unanswerableSuggested * 100).toFixed(0)}%`);

async function main(): Promise<void> {
  const now = '2026-01-01T00:00:00.000Z';
  const kb: KbEntry[] = (file('data/demo-kb.json').entries as KbEntry[]).map((e) => ({ ...e, published: true, questions: e.questions ?? [], createdBy: 'fit', createdAt: now, updatedBy: 'fit', updatedAt: now }));
  const languageOf = new Map(kb.map((e) => [e.id, e.language as Language]));
  const search = new KbSearch(new WholeIndex(kb.map(indexedEntry)), new Synonyms(loadSynonyms()), { engine: 'database' });
  const set = file('test/relevance/realistic-questions.json') as { answerable: Question[]; unanswerable: Array<Omit<Question, 'expected'>> };
  const keywords = (file('test/relevance/kb-queries.json') as { queries: Array<{ query: string; language: Language; expected: string[] }> }).queries;
  const questions: Question[] = [
    ...set.answerable,
    ...set.unanswerable.map((q) => ({ ...q, expected: [] })),
    ...keywords.map((q) => ({ q: q.query, lang: q.language, expected: q.expected })),
  ];
  const samples: Sample[] = [];
  for (const question of questions) samples.push({ question, candidates: await search.explain(question.q, { language: question.lang, includeDrafts: false }) });
  const features = samples.find((s) => s.candidates.length)!.candidates[0]!.features.length;
  const SHARE = 0.25;

  for (const fold of [0, 1]) {
    const train = samples.filter((_, i) => i % 2 === fold);
    const test = samples.filter((_, i) => i % 2 !== fold);
    const model = fit(train, languageOf, features);
    const tiers = chooseTiers(rankAll(train, model, languageOf), SHARE);
    show(`fold ${fold + 1}: fitted half`, measure(rankAll(train, model, languageOf), tiers));
    show(`fold ${fold + 1}: held-out half`, measure(rankAll(test, model, languageOf), tiers));
  }
  const model = fit(samples, languageOf, features);
  const tiers = chooseTiers(rankAll(samples, model, languageOf), SHARE);
  show('all questions', measure(rankAll(samples, model, languageOf), tiers));
  const round = (n: number) => Math.round(n * 1000) / 1000;
  console.log(`SCORE_MODEL = ${JSON.stringify({ bias: round(model.bias), weights: model.weights.map(round) })}`);
  const closest = rankAll(samples, model, languageOf).filter((r) => !r.question.expected.length && !r.outside).sort((a, b) => (b.top[0]?.score ?? 0) - (a.top[0]?.score ?? 0));
  console.log('Unanswerable questions that come closest:');
  for (const r of closest.slice(0, 12)) console.log(`  ${f3(r.top[0]?.score ?? 0)} ${r.top[0]?.id ?? '-'}  ${r.question.q}`);
  console.log(`tiers: ANSWER_SCORE = ${tiers.answer}, SUGGESTION_SCORE = ${tiers.suggestion}`);
}

await main();
