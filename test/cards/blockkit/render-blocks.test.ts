import { describe, expect, it } from 'vitest';
import {
  actionIdFromSlack,
  inputValuesFromSlackState,
  renderBlocks,
  renderModal,
  type SlackBlock,
  type SlackStateValue,
} from '../../../cards/blockkit/render-blocks.ts';
import type { CardAction, CardBlock, CardInput, CardView, Tone } from '../../../cards/views/card-view.ts';

const base: CardView = { kind: 'test', title: 'Overdracht', blocks: [], fallbackText: 'Overdracht: open' };
const view = (blocks: CardBlock[], extra: Partial<CardView> = {}): CardView => ({ ...base, blocks, ...extra });
/** The blocks after the header. */
const body = (v: CardView): SlackBlock[] => renderBlocks(v).blocks.slice(1);
const inputBlocks = (input: CardInput) => body(view([{ type: 'input', input }]));
const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });
// Every mrkdwn text is verbatim: Slack adds no links or mentions of its own to what the bot escaped.
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const opt = (text: string, value: string) => ({ text: plain(text), value });
/** A block's property, typed by the test (the block type is loose JSON). */
const prop = <T>(block: SlackBlock | undefined, key: string): T => block?.[key] as T;
const sectionTexts = (blocks: SlackBlock[]) => blocks.map((b) => prop<{ text: string }>(b, 'text').text);

describe('renderBlocks', () => {
  it('sends the fallback text and the title as a header, subtitle and badge as context', () => {
    expect(renderBlocks({ ...base, subtitle: 'Wijk <Noord>', badge: { text: 'Open', tone: 'good' } })).toEqual({
      text: 'Overdracht: open',
      blocks: [
        { type: 'header', text: plain('Overdracht') },
        { type: 'context', elements: [mrkdwn('Wijk &lt;Noord&gt;'), mrkdwn('✅ *Open*')] },
      ],
    });
  });

  it('truncates a long title to the 150 characters a header allows', () => {
    const [title] = sectionTexts(renderBlocks({ ...base, title: 'x'.repeat(200) }).blocks);
    expect(title).toBe('x'.repeat(149) + '…');
  });

  it.each<[Tone, string]>([
    ['good', '✅ *b*'],
    ['warning', '⚠️ *b*'],
    ['attention', '🚨 *b*'],
    ['accent', '🔷 *b*'],
    ['default', '*b*'],
  ])('prefixes a %s badge with its emoji', (tone, text) => {
    expect(body({ ...base, badge: { text: 'b', tone } })).toEqual([{ type: 'context', elements: [mrkdwn(text)] }]);
  });

  it.each<[CardBlock, SlackBlock[]]>([
    [{ type: 'text', text: 'Plain' }, [{ type: 'section', text: mrkdwn('Plain') }]],
    [{ type: 'text', text: 'Kop', style: 'heading' }, [{ type: 'section', text: mrkdwn('*Kop*') }]],
    [{ type: 'text', text: 'Stil', style: 'muted' }, [{ type: 'context', elements: [mrkdwn('Stil')] }]],
    [{ type: 'text', text: 'Let op', style: 'warning' }, [{ type: 'section', text: mrkdwn('⚠️ Let op') }]],
    [{ type: 'facts', facts: [{ label: 'Cliënt', value: 'J. Jansen' }] }, [{ type: 'section', fields: [mrkdwn('*Cliënt*\nJ. Jansen')] }]],
    [{ type: 'facts', facts: [] }, []],
    [
      { type: 'list', items: [{ title: 'Eén', text: 'Uitleg' }, { title: 'Twee' }] },
      [{ type: 'section', text: mrkdwn('• *Eén*\nUitleg') }, { type: 'section', text: mrkdwn('• Twee') }],
    ],
    [{ type: 'divider' }, [{ type: 'divider' }]],
    [{ type: 'image', url: 'https://example.org/a.png', alt: 'Kaart' }, [{ type: 'image', image_url: 'https://example.org/a.png', alt_text: 'Kaart' }]],
  ])('renders block %j', (block, expected) => {
    expect(body(view([block]))).toEqual(expected);
  });

  it('escapes &, < and > in every mrkdwn text', () => {
    const evil = '<script>&';
    const texts = JSON.stringify(
      body(view([{ type: 'text', text: evil }, { type: 'facts', facts: [{ label: evil, value: evil }] }, { type: 'list', items: [{ title: evil, text: evil }] }], { subtitle: evil })),
    );
    expect(texts).not.toContain('<script>');
    expect(texts.match(/&lt;script&gt;&amp;/g)).toHaveLength(6);
  });

  it('chunks long text so no section exceeds 3000 characters, without losing words', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `woord${i}`);
    const texts = sectionTexts(body(view([{ type: 'text', text: words.join(' '), style: 'heading' }])));
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(texts.map((text) => text.slice(1, -1)).join(' ')).toBe(words.join(' '));
  });

  it('never cuts an escaped character in half when chunking', () => {
    const texts = sectionTexts(body(view([{ type: 'text', text: '&'.repeat(1000) }])));
    for (const text of texts) expect(text).toMatch(/^(&amp;)+$/);
    expect(texts.join('')).toBe('&amp;'.repeat(1000));
  });

  it('splits more than 10 facts over several sections and caps each field at 2000 characters', () => {
    const facts = Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: i === 0 ? 'v'.repeat(3000) : 'v' }));
    const fields = body(view([{ type: 'facts', facts }])).map((s) => prop<{ text: string }[]>(s, 'fields'));
    expect(fields.map((f) => f.length)).toEqual([10, 10, 3]);
    expect(fields[0]![0]!.text).toHaveLength(2000);
    expect(fields[2]![2]!.text).toBe('*F22*\nv');
  });

  it.each<[CardInput, object]>([
    [
      { kind: 'text', id: 'note', label: 'Notitie', multiline: true, maxLength: 500, placeholder: 'Typ…', value: 'Hoi' },
      { type: 'plain_text_input', action_id: 'note', multiline: true, max_length: 500, initial_value: 'Hoi', placeholder: plain('Typ…') },
    ],
    [
      { kind: 'choice', id: 'team', label: 'Team', choices: [{ title: 'Wijk', value: 'wijk' }, { title: 'Huis', value: 'huis' }], value: 'huis', placeholder: 'Kies' },
      { type: 'static_select', action_id: 'team', options: [opt('Wijk', 'wijk'), opt('Huis', 'huis')], initial_option: opt('Huis', 'huis'), placeholder: plain('Kies') },
    ],
    [
      { kind: 'choice', id: 'team', label: 'Team', choices: [{ title: 'Wijk', value: 'wijk' }], expanded: true },
      { type: 'radio_buttons', action_id: 'team', options: [opt('Wijk', 'wijk')] },
    ],
    [
      { kind: 'choice', id: 'days', label: 'Dagen', choices: [{ title: 'Ma', value: 'ma' }, { title: 'Di', value: 'di' }], multiSelect: true, value: ['di'] },
      { type: 'multi_static_select', action_id: 'days', options: [opt('Ma', 'ma'), opt('Di', 'di')], initial_options: [opt('Di', 'di')] },
    ],
    [
      { kind: 'choice', id: 'days', label: 'Dagen', choices: [{ title: 'Ma', value: 'ma' }], multiSelect: true, expanded: true, value: ['ma'] },
      { type: 'checkboxes', action_id: 'days', options: [opt('Ma', 'ma')], initial_options: [opt('Ma', 'ma')] },
    ],
    [{ kind: 'date', id: 'from', label: 'Vanaf', value: '2024-05-01' }, { type: 'datepicker', action_id: 'from', initial_date: '2024-05-01' }],
    [{ kind: 'time', id: 'at', label: 'Om', value: '09:30' }, { type: 'timepicker', action_id: 'at', initial_time: '09:30' }],
    [
      { kind: 'toggle', id: 'urgent', label: 'Spoed', value: true },
      { type: 'checkboxes', action_id: 'urgent::toggle', options: [opt('Spoed', 'true')], initial_options: [opt('Spoed', 'true')] },
    ],
    [{ kind: 'toggle', id: 'urgent', label: 'Spoed' }, { type: 'checkboxes', action_id: 'urgent::toggle', options: [opt('Spoed', 'true')] }],
  ])('renders input %j', (input, element) => {
    expect(inputBlocks(input)).toEqual([{ type: 'input', block_id: input.id, label: plain(input.label), optional: true, element }]);
  });

  it('falls back to a select menu when an expanded choice has more than 10 options', () => {
    const choices = Array.from({ length: 11 }, (_, i) => ({ title: `${i}`, value: `${i}` }));
    const [block] = inputBlocks({ kind: 'choice', id: 'c', label: 'C', choices, expanded: true });
    expect(block).toMatchObject({ element: { type: 'static_select' } });
  });

  it('marks a required input as not optional and shows its error under it', () => {
    expect(inputBlocks({ kind: 'date', id: 'from', label: 'Vanaf', required: true, error: 'Kies <een> datum' })).toEqual([
      { type: 'input', block_id: 'from', label: plain('Vanaf'), optional: false, element: { type: 'datepicker', action_id: 'from' } },
      { type: 'context', elements: [mrkdwn('🚨 Kies &lt;een&gt; datum')] },
    ]);
  });

  it('renders actions as buttons with unique action ids, data as JSON value and styles', () => {
    const { blocks } = renderBlocks({
      ...base,
      actions: [
        { kind: 'submit', id: 'save', label: 'Opslaan', style: 'primary', data: { caseId: 42 } },
        { kind: 'submit', id: 'save', label: 'Opslaan en sluiten' },
        { kind: 'submit', id: 'delete', label: 'Verwijderen', style: 'danger' },
        { kind: 'url', label: 'Dossier', url: 'https://example.org/dossier/42' },
      ],
    });
    expect(blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', text: plain('Opslaan'), action_id: 'save#0', value: '{"caseId":42}', style: 'primary' },
        { type: 'button', text: plain('Opslaan en sluiten'), action_id: 'save#1', value: '{}' },
        { type: 'button', text: plain('Verwijderen'), action_id: 'delete#2', value: '{}', style: 'danger' },
        { type: 'button', text: plain('Dossier'), url: 'https://example.org/dossier/42', action_id: 'url#3' },
      ],
    });
  });

  it('splits more than 25 buttons over several actions blocks', () => {
    const actions: CardAction[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'submit', id: `a${i}`, label: `${i}` }));
    expect(body({ ...base, actions }).map((b) => prop<unknown[]>(b, 'elements').length)).toEqual([25, 5]);
  });

  it('truncates a long button label to 75 characters with …', () => {
    const [actions] = body({ ...base, actions: [{ kind: 'submit', id: 'a', label: 'x'.repeat(100) }] });
    const [button] = prop<SlackBlock[]>(actions, 'elements');
    expect(prop<{ text: string }>(button, 'text').text).toBe('x'.repeat(74) + '…');
  });

  it('cuts a long button label at a word, never mid-word', () => {
    const label = 'Bel de regionale servicedesk van het RSO Rivierenland over de uitwisseling van berichten';
    const [actions] = body({ ...base, actions: [{ kind: 'submit', id: 'a', label }] });
    const text = prop<{ text: string }>(prop<SlackBlock[]>(actions, 'elements')[0], 'text').text;
    expect(text).toBe('Bel de regionale servicedesk van het RSO Rivierenland over de uitwisseling…');
    expect(text.length).toBeLessThanOrEqual(75);
  });

  it('puts titles-only list items on "• " lines in one section, and breaks the section for an item with a text', () => {
    const blocks = body(view([{ type: 'list', items: [{ title: 'uw AGB-code' }, { title: 'de foutmelding' }, { title: 'Anna', text: 'beheerder', links: [{ label: '030 123 45 67', url: 'tel:+31301234567' }] }, { title: 'het tijdstip' }] }]));
    expect(blocks).toEqual([
      { type: 'section', text: mrkdwn('• uw AGB-code\n• de foutmelding') },
      { type: 'section', text: mrkdwn('• *Anna*\nbeheerder\n<tel:+31301234567|030 123 45 67>') },
      { type: 'section', text: mrkdwn('• het tijdstip') },
    ]);
  });

  it('gives an option its description, and carries a label too long for 75 characters on in the description line', () => {
    const [block] = inputBlocks({
      kind: 'choice', id: 'choice', label: 'Wat is er aan de hand?', expanded: true,
      choices: [
        { title: 'Gegevens bij de verkeerde', value: 'leak', description: 'Een overdracht of bericht kwam bij de verkeerde zorgaanbieder terecht (datalek)' },
        { title: 'Het regionale uitwisselplatform geeft een foutmelding bij het versturen van een overdracht', value: 'platform' },
      ],
    });
    const options = prop<{ options: Array<{ text: { text: string }; description?: { text: string } }> }>(block, 'element').options;
    expect(options[0]!.text.text).toBe('Gegevens bij de verkeerde');
    expect(options[0]!.description!.text).toBe('Een overdracht of bericht kwam bij de verkeerde zorgaanbieder terecht…');
    expect(options[1]!.text.text).toBe('Het regionale uitwisselplatform geeft een foutmelding bij het versturen…');
    expect(options[1]!.description!.text).toBe('van een overdracht');
    for (const o of options) expect([o.text.text.length, o.description!.text.length].every((n) => n <= 75)).toBe(true);
  });

  it('refuses action data that does not fit in a button value', () => {
    const actions: CardAction[] = [{ kind: 'submit', id: 'big', label: 'x', data: { blob: 'x'.repeat(2000) } }];
    expect(() => renderBlocks({ ...base, actions })).toThrow(/"big".*2000/);
  });
});

describe('actionIdFromSlack', () => {
  it.each([
    ['save#0', 'save'],
    ['save#12', 'save'],
    ['url#3', 'url'],
    ['team#a#1', 'team#a'],
    ['x#5#0', 'x#5'],
  ])('%s → %s', (actionId, id) => {
    expect(actionIdFromSlack(actionId)).toBe(id);
  });

  it('round-trips every rendered button', () => {
    const ids = ['save', 'save', 'with:colon', 'x#5'];
    const { blocks } = renderBlocks({ ...base, actions: ids.map((id) => ({ kind: 'submit', id, label: id })) });
    const elements = prop<SlackBlock[]>(blocks.at(-1), 'elements');
    expect(elements.map((e) => actionIdFromSlack(prop<string>(e, 'action_id')))).toEqual(ids);
  });
});

describe('inputValuesFromSlackState', () => {
  it('reads back every input kind under its input id', () => {
    const state = {
      values: {
        note: { note: { type: 'plain_text_input', value: 'Hoi' } },
        team: { team: { type: 'static_select', selected_option: { text: plain('Huis'), value: 'huis' } } },
        shift: { shift: { type: 'radio_buttons', selected_option: { value: 'late' } } },
        days: { days: { type: 'multi_static_select', selected_options: [{ value: 'ma' }, { value: 'di' }] } },
        tags: { tags: { type: 'checkboxes', selected_options: [{ value: 'a' }] } },
        from: { from: { type: 'datepicker', selected_date: '2024-05-01' } },
        at: { at: { type: 'timepicker', selected_time: '09:30' } },
        urgent: { 'urgent::toggle': { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
        quiet: { 'quiet::toggle': { type: 'checkboxes', selected_options: [] } },
      },
    };
    expect(inputValuesFromSlackState(state)).toEqual({
      note: 'Hoi',
      team: 'huis',
      shift: 'late',
      days: ['ma', 'di'],
      tags: ['a'],
      from: '2024-05-01',
      at: '09:30',
      urgent: true,
      quiet: false,
    });
  });

  it('leaves out inputs that were left empty', () => {
    const state = {
      values: {
        note: { note: { type: 'plain_text_input', value: null } },
        team: { team: { type: 'static_select', selected_option: null } },
        from: { from: { type: 'datepicker', selected_date: null } },
        at: { at: { type: 'timepicker', selected_time: null } },
      },
    };
    expect(inputValuesFromSlackState(state)).toEqual({});
  });

  it('round-trips what renderBlocks pre-fills', () => {
    const inputs: CardInput[] = [
      { kind: 'text', id: 'note', label: 'N', value: 'Hoi' },
      { kind: 'choice', id: 'team', label: 'T', choices: [{ title: 'W', value: 'wijk' }], value: 'wijk' },
      { kind: 'choice', id: 'days', label: 'D', choices: [{ title: 'Ma', value: 'ma' }], multiSelect: true, expanded: true, value: ['ma'] },
      { kind: 'date', id: 'from', label: 'V', value: '2024-05-01' },
      { kind: 'time', id: 'at', label: 'O', value: '09:30' },
      { kind: 'toggle', id: 'urgent', label: 'S', value: true },
    ];
    // Simulate Slack: the state holds each element's initial value.
    const values: Record<string, Record<string, SlackStateValue>> = {};
    for (const block of body(view(inputs.map((input) => ({ type: 'input', input }))))) {
      const el = prop<SlackBlock>(block, 'element');
      values[prop<string>(block, 'block_id')] = {
        [prop<string>(el, 'action_id')]: {
          type: el.type,
          value: prop(el, 'initial_value'),
          selected_option: prop(el, 'initial_option'),
          selected_options: prop(el, 'initial_options'),
          selected_date: prop(el, 'initial_date'),
          selected_time: prop(el, 'initial_time'),
        },
      };
    }
    expect(inputValuesFromSlackState({ values })).toEqual({
      note: 'Hoi', team: 'wijk', days: ['ma'], from: '2024-05-01', at: '09:30', urgent: true,
    });
  });
});

describe('renderModal', () => {
  const form: CardView = view(
    [{ type: 'input', input: { kind: 'text', id: 'note', label: 'Notitie', required: true } }],
    {
      title: 'Nieuwe overdracht voor het wijkteam',
      subtitle: 'Sub',
      actions: [
        { kind: 'url', label: 'Help', url: 'https://example.org' },
        { kind: 'submit', id: 'save', label: 'Overdracht versturen naar team' },
      ],
    },
  );

  it('builds a modal with the body blocks, without header or actions', () => {
    expect(renderModal(form, 'handover', '{"case":1}', 'Annuleren')).toEqual({
      type: 'modal',
      title: plain('Nieuwe overdracht voor …'),
      submit: plain('Overdracht versturen na…'),
      close: plain('Annuleren'),
      callback_id: 'handover',
      private_metadata: '{"case":1}',
      blocks: [
        { type: 'context', elements: [mrkdwn('Sub')] },
        { type: 'input', block_id: 'note', label: plain('Notitie'), optional: false, element: { type: 'plain_text_input', action_id: 'note' } },
      ],
    });
  });

  it('has no submit or close button unless the view and caller give one', () => {
    const modal = renderModal({ ...base, actions: [] }, 'cb', '');
    expect(modal).not.toHaveProperty('submit');
    expect(modal).not.toHaveProperty('close');
  });
});
