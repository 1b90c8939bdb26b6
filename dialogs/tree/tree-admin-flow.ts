import { formatDateTime } from '../../cards/views/format-date.ts';
import type { Flow, FlowContext, FlowStep } from '../../core/conversation/flow.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import { cardReply, textReply } from '../../core/conversation/reply.ts';
import type { People } from '../../core/domain/access/people.ts';
import { treeScopeFor } from '../../core/domain/decision-tree/tree-scope.ts';
import type { TreeVersions } from '../../core/domain/decision-tree/tree-versions.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import { formatTreeProblem } from '../../core/domain/decision-tree/validate-tree.ts';
import { accessErrorText } from '../access-error-text.ts';

// Each may name a region ("beslisboom publiceren regio Rivierenland"): chain coordination for any region, an RSO for its own.
const REGION = String.raw`(?:\s+(?:regio|region)\s+(\S+))?`;
const PUBLISH = new RegExp(`^(?:beslisboom publiceren|beslisboom publiceer|publiceer beslisboom|publiceer de beslisboom|tree publish|publish tree)${REGION}$`);
const CHECK = /^(?:beslisboom controleren|beslisboom controleer|controleer beslisboom|tree check|check tree)$/;
const VERSIONS = new RegExp(`^(?:beslisboom versies|beslisboomversies|tree versions)${REGION}$`);
const ROLLBACK = new RegExp(`^(?:beslisboom terugzetten|beslisboom terugdraaien|tree rollback)${REGION}(?:\\s+(\\S+))?$`);
const MAX_PROBLEMS_SHOWN = 15;

/**
 * The decision tree in chat: publish or check an attached file, list versions, roll back. Chain
 * coordination manages the national tree; an RSO's administrators their region's variant (tree-scope.ts).
 */
export function createTreeAdminFlow(deps: { versions: TreeVersions; people: People; directory: DirectoryRepository }): Flow<never> {
  async function fileJson(ctx: FlowContext, inbound: Inbound): Promise<{ name: string; json: unknown } | FlowStep<never>> {
    const file = inbound.attachments?.find((a) => /json/i.test(a.contentType ?? '') || /\.json$/i.test(a.name)) ?? inbound.attachments?.[0];
    if (!file) return { replies: [textReply(ctx.t('treeAdmin.needFile'))] };
    let text: string;
    try {
      text = await file.readText();
    } catch (error) {
      return { replies: [textReply(ctx.t('treeAdmin.unreadable', { name: file.name, reason: (error as Error).message }))] };
    }
    try {
      return { name: file.name, json: JSON.parse(text) };
    } catch (error) {
      return { replies: [textReply(ctx.t('treeAdmin.notJson', { name: file.name, reason: (error as Error).message }))] };
    }
  }

  const problemsReply = (ctx: FlowContext, name: string, problems: Parameters<typeof formatTreeProblem>[0][]): FlowStep<never> => ({
    replies: [textReply([
      ctx.t('treeAdmin.problems', { count: problems.length, name }),
      ...problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `• ${formatTreeProblem(p)}`),
      ...(problems.length > MAX_PROBLEMS_SHOWN ? ['…'] : []),
    ].join('\n'))],
  });

  return {
    id: 'treeAdmin',
    matches: (text) => PUBLISH.test(text) || CHECK.test(text) || VERSIONS.test(text) || ROLLBACK.test(text),
    isLookup: (text) => VERSIONS.test(text),
    async start(ctx, inbound) {
      const text = normalizeText(inbound.text);
      const person = await deps.people.of(inbound);
      const directory = await deps.directory.load();
      // The region as typed (its case kept for the answer), when the command names one.
      const namesRegion = PUBLISH.exec(text)?.[1] ?? VERSIONS.exec(text)?.[1] ?? ROLLBACK.exec(text)?.[1];
      const named = namesRegion ? /\b(?:regio|region)\s+(\S+)/i.exec(inbound.text ?? '')?.[1] ?? namesRegion : undefined;
      const scope = treeScopeFor(person, directory, named);
      if (!scope.allowed) {
        if ('unknownRegion' in scope) {
          const regions = [...new Set(directory.organisations.map((o) => o.region).filter((r): r is string => !!r))].sort();
          return { replies: [textReply(ctx.t('treeAdmin.unknownRegion', { region: scope.unknownRegion, regions: regions.join(', ') }))] };
        }
        const orgName = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
        return { replies: [textReply(accessErrorText(ctx.t, { code: 'forbidden', neededRole: scope.neededRole, ...(scope.organisationId ? { organisationId: scope.organisationId } : {}) }, orgName))] };
      }
      const region = scope.region;
      if (VERSIONS.test(text)) {
        const versions = await deps.versions.list(region);
        if (!versions.length) {
          const national = (await deps.versions.current()).version;
          return { replies: [textReply(region ? ctx.t('treeAdmin.versions.noneRegional', { region, version: national }) : ctx.t('treeAdmin.versions.none', { version: national }))] };
        }
        return {
          replies: [cardReply({
            kind: 'tree.versions',
            title: region ? ctx.t('treeAdmin.versions.titleRegional', { region }) : ctx.t('treeAdmin.versions.title'),
            blocks: [{ type: 'list', items: versions.map((v) => ({
              title: `${v.version}${v.active ? ` (${ctx.t('treeAdmin.versions.active')})` : ''}`,
              text: ctx.t('treeAdmin.versions.item', { date: formatDateTime(ctx.locale, v.publishedAt), by: v.publishedBy }),
            })) }],
            fallbackText: ctx.t('treeAdmin.versions.title'),
          })],
        };
      }
      const rollback = ROLLBACK.exec(text);
      if (rollback) {
        // The version as typed (case kept): the last word, when the command has one after its own words.
        const words = (inbound.text ?? '').trim().split(/\s+/);
        const version = rollback[2] ? words.at(-1) : undefined;
        const result = await deps.versions.rollback(person.id, version, region);
        if (result.ok && result.national) return { replies: [textReply(ctx.t('treeAdmin.rolledBackNational', { region: region!, version: result.version }))] };
        if (result.ok) return { replies: [textReply(ctx.t('treeAdmin.rolledBack', { version: result.version }))] };
        return { replies: [textReply(result.reason === 'unknown-version' ? ctx.t('treeAdmin.unknownVersion', { version: version ?? '' }) : ctx.t('treeAdmin.nothingToRollBack'))] };
      }
      const file = await fileJson(ctx, inbound);
      if ('replies' in file) return file;
      if (CHECK.test(text)) {
        const checked = await deps.versions.check(file.json);
        if ('problems' in checked) return problemsReply(ctx, file.name, checked.problems);
        return { replies: [textReply(ctx.t('treeAdmin.valid', { name: file.name, version: checked.tree.version, nodes: checked.tree.nodes.length }))] };
      }
      const published = await deps.versions.publish(file.json, person.id, region);
      if (!published.ok) return problemsReply(ctx, file.name, published.problems);
      return { replies: [textReply(region ? ctx.t('treeAdmin.publishedRegional', { version: published.version, region }) : ctx.t('treeAdmin.published', { version: published.version }))] };
    },
  };
}
