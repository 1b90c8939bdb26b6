import type { SlackBlock, SlackModalView } from '../../cards/blockkit/render-blocks.ts';

/*
 * Slack's documented Block Kit limits (docs.slack.dev, reference/block-kit): a message or modal
 * that breaks one is refused as a whole (invalid_blocks), so the alert would not arrive at all.
 */

type Json = Record<string, unknown>;
const text = (value: unknown): string => ((value as { text?: unknown } | undefined)?.text as string | undefined) ?? '';

/** Every limit a rendered message or modal breaks, as readable lines; [] when Slack would take it. */
export function slackLimitProblems(message: { text?: string; blocks: SlackBlock[] } | SlackModalView): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
  const length = (value: string, min: number, max: number, where: string) => check(value.length >= min && value.length <= max, `${where}: ${value.length} characters (allowed ${min}-${max})`);
  const modal = 'type' in message && message.type === 'modal';

  if (modal) {
    length(text(message.title), 1, 24, 'modal title');
    if (message.submit) length(text(message.submit), 1, 24, 'modal submit');
    if (message.close) length(text(message.close), 1, 24, 'modal close');
    length(message.private_metadata, 0, 3000, 'private_metadata');
  } else if ('text' in message && message.text !== undefined) {
    length(message.text, 1, 40_000, 'message text');
  }
  check(message.blocks.length <= (modal ? 100 : 50), `${message.blocks.length} blocks`);

  message.blocks.forEach((block, i) => {
    const at = `blocks[${i}] (${block.type})`;
    const b = block as Json;
    switch (block.type) {
      case 'header':
        length(text(b.text), 1, 150, `${at} text`);
        break;
      case 'section': {
        const fields = (b.fields as Json[] | undefined) ?? [];
        check(b.text !== undefined || fields.length > 0, `${at}: neither text nor fields`);
        if (b.text !== undefined) length(text(b.text), 1, 3000, `${at} text`);
        check(fields.length <= 10, `${at}: ${fields.length} fields`);
        fields.forEach((f, j) => length(text(f), 1, 2000, `${at} field ${j}`));
        break;
      }
      case 'context': {
        const elements = b.elements as Json[];
        check(elements.length >= 1 && elements.length <= 10, `${at}: ${elements.length} elements`);
        elements.forEach((e, j) => length(text(e), 1, 3000, `${at} element ${j}`));
        break;
      }
      case 'actions': {
        const elements = b.elements as Json[];
        check(elements.length >= 1 && elements.length <= 25, `${at}: ${elements.length} elements`);
        for (const [j, e] of elements.entries()) {
          length(text(e.text), 1, 75, `${at} button ${j}`);
          if (typeof e.value === 'string') length(e.value, 0, 2000, `${at} button ${j} value`);
          length(String(e.action_id), 1, 255, `${at} button ${j} action_id`);
        }
        break;
      }
      case 'input': {
        length(text(b.label), 1, 2000, `${at} label`);
        const element = b.element as Json;
        if (element.placeholder) length(text(element.placeholder), 1, 150, `${at} placeholder`);
        if (typeof element.max_length === 'number') check(element.max_length >= 1 && element.max_length <= 3000, `${at} max_length ${element.max_length}`);
        if (typeof element.initial_value === 'string') length(element.initial_value, 1, 3000, `${at} initial_value`);
        const options = (element.options as Json[] | undefined) ?? [];
        const most = element.type === 'radio_buttons' || element.type === 'checkboxes' ? 10 : 100;
        check(options.length <= most, `${at}: ${options.length} options`);
        for (const [j, o] of options.entries()) {
          length(text(o.text), 1, 75, `${at} option ${j}`);
          length(String(o.value), 1, 150, `${at} option ${j} value`);
        }
        break;
      }
      case 'image':
        length(String(b.alt_text), 1, 2000, `${at} alt_text`);
        length(String(b.image_url), 1, 3000, `${at} image_url`);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${at}: unknown block type`);
    }
  });
  for (const bad of badStrings(message)) problems.push(bad);
  return problems;
}

/** Strings Slack's JSON decoder or clients choke on: lone surrogates and control characters (other than tab and line break). */
export function badStrings(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') {
    const bad = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.exec(value);
    return bad ? [`${path}: U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => badStrings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => badStrings(v, `${path}.${k}`));
  return [];
}
