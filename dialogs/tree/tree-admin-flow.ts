import { formatDateTime } from '../../cards/views/format-date.ts';
import type { Flow, FlowContext, FlowStep } from '../../core/conversation/flow.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import { cardReply, textReply } from '../../core/conversation/reply.ts';
import type { People } from '../../core/domain/access/people.ts';
import { authorize } from '../../core/domain/access/permissions.ts';
import type { TreeVersions } from '../../core/domain/decision-tree/tree-versions.ts';
import { formatTreeProblem } from '../../core/domain/decision-tree/validate-tree.ts';
import { accessErrorText } from '../access-error-text.ts';

const PUBLISH = /^(?:beslisboom publiceren|beslisboom publiceer|publiceer beslisboom|publiceer de beslisboom|tree publish|publish tree)$/;
const CHECK = /^(?:beslisboom controleren|beslisboom controleer|controleer beslisboom|tree check|check tree)$/;
const VERSIONS = /^(?:beslisboom versies|beslisboomversies|tree versions)$/;
const ROLLBACK = /^(?:beslisboom terugzetten|beslisboom terugdraaien|tree rollback)(?:\s+(\S+))?$/;
const MAX_PROBLEMS_SHOWN = 15;

/** Administrators manage the decision tree in chat: publish or check an attached file, list versions, roll back. */
export function createTreeAdminFlow(deps: { versions: TreeVersions; people: People }): Flow<never> {
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
    async start(ctx, inbound) {
      const text = normalizeText(inbound.text);
      const person = await deps.people.of(inbound);
      const decision = authorize(person, 'tree.manage');
      if (!decision.allowed) return { replies: [textReply(accessErrorText(ctx.t, { code: 'forbidden', neededRole: decision.neededRole }))] };
      if (VERSIONS.test(text)) {
        const versions = await deps.versions.list();
        if (!versions.length) return { replies: [textReply(ctx.t('treeAdmin.versions.none', { version: (await deps.versions.current()).version }))] };
        return {
          replies: [cardReply({
            kind: 'tree.versions',
            title: ctx.t('treeAdmin.versions.title'),
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
        const version = (inbound.text ?? '').trim().split(/\s+/)[2];
        const result = await deps.versions.rollback(person.id, version);
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
      const published = await deps.versions.publish(file.json, person.id);
      if (!published.ok) return problemsReply(ctx, file.name, published.problems);
      return { replies: [textReply(ctx.t('treeAdmin.published', { version: published.version }))] };
    },
  };
}
