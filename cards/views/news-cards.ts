import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import type { NewsField, NewsFieldProblem } from '../../core/domain/news/news-service.ts';
import type { NewsItem } from '../../core/domain/news/types.ts';
import type { Translate } from '../i18n/translate.ts';
import { cancelAction } from './cancel-action.ts';
import type { CardView } from './card-view.ts';
import { localDateTime } from './incident-cards.ts';
import { patientDetailsBlocks } from './patient-details-blocks.ts';

export function newsProblemText(t: Translate, problem: NewsFieldProblem): string {
  switch (problem.code) {
    case 'required': return t('form.required');
    case 'too-long': return t('incident.problem.tooLong', { max: problem.max });
    case 'citizen-service-number': return t('incident.problem.bsn', { found: problem.found });
    case 'patient-details': return t('privacy.patient.field');
  }
}

/** The news form (a modal in Slack): title and text; for a correction, the item's id. */
export function newsFormCard(t: Translate, values: { id?: string; title?: string; text?: string; notPatientData?: boolean }, audience: string, problems: Partial<Record<NewsField, NewsFieldProblem>> = {}, formId?: string): CardView {
  const err = (field: NewsField) => (problems[field] ? { error: newsProblemText(t, problems[field]!) } : {});
  const title = values.id ? t('news.form.titleEdit', { id: values.id }) : t('news.form.title');
  return {
    kind: 'news.form',
    title,
    blocks: [
      { type: 'text', text: t('news.form.audience', { audience }), style: 'muted' },
      { type: 'input', input: { kind: 'text', id: 'title', label: t('news.form.titleField'), value: values.title ?? '', required: true, requiredMessage: t('form.required'), maxLength: 200, ...err('title') } },
      { type: 'input', input: { kind: 'text', id: 'text', label: t('news.form.text'), value: values.text ?? '', multiline: true, required: true, requiredMessage: t('form.required'), maxLength: 4000, ...err('text') } },
      ...patientDetailsBlocks(t, (['title', 'text'] as const).filter((f) => problems[f]?.code === 'patient-details').map((f) => t(f === 'title' ? 'news.form.titleField' : 'news.form.text')), values.notPatientData),
    ],
    actions: [
      { kind: 'submit', id: 'news.save', label: values.id ? t('news.form.saveEdit') : t('news.form.save'), style: 'primary', data: { ...(formId ? { formId } : {}), ...(values.id ? { id: values.id } : {}) } },
      // The flow sends this form under "news-form:<formId>".
      ...(formId ? [cancelAction(t, `news-form:${formId}`)] : []),
    ],
    fallbackText: title,
  };
}

/** The news card in the channels (and, with a correction button, for its sender). */
export function newsCard(t: Translate, item: NewsItem, directory: DirectoryDocument, options: { editable?: boolean } = {}): CardView {
  const sender = directory.organisations.find((o) => o.id === item.senderId)?.name ?? item.senderId;
  const scope = item.scope === 'national' ? t('news.scope.national') : t('news.scope.region', { region: item.region ?? '' });
  return {
    kind: 'news',
    title: item.title,
    subtitle: `${item.id} · ${sender} · ${scope}`,
    ...(item.status === 'edited' ? { badge: { text: t('news.edited'), tone: 'accent' as const } } : {}),
    blocks: [
      { type: 'text', text: item.text },
      { type: 'text', text: t('news.byline', { name: item.createdBy.name, at: localDateTime(item.createdAt) }), style: 'muted' },
    ],
    actions: options.editable ? [{ kind: 'submit', id: 'news.edit', label: t('news.action.edit'), data: { newsId: item.id } }] : [],
    fallbackText: `${item.title} (${sender})`,
  };
}
