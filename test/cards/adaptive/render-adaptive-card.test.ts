import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../../cards/adaptive/render-adaptive-card.ts';
import type { CardBlock, CardInput, CardView, Tone } from '../../../cards/views/card-view.ts';
import { validateAdaptiveCard } from './adaptivecards-validator.ts';

const base: CardView = { kind: 'test', title: 'Overdracht', blocks: [], fallbackText: 'Overdracht' };
const view = (blocks: CardBlock[], extra: Partial<CardView> = {}): CardView => ({ ...base, blocks, ...extra });
const inputView = (input: CardInput): CardView => view([{ type: 'input', input }]);

const inputs: CardInput[] = [
  { kind: 'text', id: 'name', label: 'Naam' },
  { kind: 'text', id: 'note', label: 'Notitie', multiline: true, maxLength: 500, placeholder: 'Typ…', value: 'Hoi' },
  { kind: 'choice', id: 'team', label: 'Team', choices: [{ title: 'Wijk', value: 'wijk' }], placeholder: 'Kies' },
  { kind: 'choice', id: 'days', label: 'Dagen', choices: [{ title: 'Ma', value: 'ma' }, { title: 'Di', value: 'di' }], multiSelect: true, expanded: true, value: ['ma', 'di'] },
  { kind: 'date', id: 'from', label: 'Vanaf', value: '2024-05-01' },
  { kind: 'time', id: 'at', label: 'Om', value: '09:30' },
  { kind: 'toggle', id: 'urgent', label: 'Spoed', value: true },
];

describe('renderAdaptiveCard', () => {
  it('renders a card Teams can show: schema 1.5, title, subtitle, badge and fallback text', () => {
    const card = renderAdaptiveCard({
      ...base,
      subtitle: 'Wijkteam Noord',
      badge: { text: 'Open', tone: 'warning' },
      fallbackText: 'Overdracht: open',
    });
    expect(card).toEqual({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      fallbackText: 'Overdracht: open',
      body: [
        { type: 'TextBlock', text: 'Overdracht', size: 'Large', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: 'Wijkteam Noord', isSubtle: true, wrap: true, spacing: 'None' },
        { type: 'TextBlock', text: 'Open', color: 'Warning', wrap: true },
      ],
    });
    expect(card).not.toHaveProperty('actions');
  });

  it.each<[Tone, string]>([
    ['good', 'Good'],
    ['warning', 'Warning'],
    ['attention', 'Attention'],
    ['accent', 'Accent'],
    ['default', 'Default'],
  ])('colours a %s badge %s', (tone, color) => {
    const card = renderAdaptiveCard({ ...base, badge: { text: 'x', tone } });
    expect(card.body[1]).toMatchObject({ text: 'x', color });
  });

  it.each<[CardBlock, object]>([
    [{ type: 'text', text: 'Plain' }, { type: 'TextBlock', text: 'Plain', wrap: true }],
    [{ type: 'text', text: 'Kop', style: 'heading' }, { type: 'TextBlock', text: 'Kop', size: 'Medium', weight: 'Bolder', wrap: true }],
    [{ type: 'text', text: 'Stil', style: 'muted' }, { type: 'TextBlock', text: 'Stil', isSubtle: true, wrap: true }],
    [{ type: 'text', text: 'Let op', style: 'warning' }, { type: 'TextBlock', text: 'Let op', color: 'Warning', wrap: true }],
    [{ type: 'image', url: 'https://example.org/a.png', alt: 'Kaart' }, { type: 'Image', url: 'https://example.org/a.png', altText: 'Kaart' }],
  ])('renders block %j', (block, expected) => {
    expect(renderAdaptiveCard(view([block])).body[1]).toEqual(expected);
  });

  it('renders a list one item per row: a bold title above its text, a title alone as a bullet line', () => {
    const card = renderAdaptiveCard(view([{ type: 'list', items: [{ title: 'Eén', text: 'Uitleg' }, { title: 'Twee' }, { title: 'Drie' }] }]));
    expect(card.body.slice(1)).toEqual([
      {
        type: 'Container',
        items: [
          { type: 'TextBlock', text: 'Eén', weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: 'Uitleg', wrap: true, spacing: 'None' },
        ],
      },
      { type: 'TextBlock', text: '• Twee', wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: '• Drie', wrap: true, spacing: 'Small' },
    ]);
  });

  it("renders a list item's links (a person's phone and e-mail) as markdown links under its title", () => {
    const card = renderAdaptiveCard(view([{ type: 'list', items: [{ title: 'Anna Smit – beheerder', links: [{ label: '030 123 45 67', url: 'tel:+31301234567' }, { label: 'anna@rso.example', url: 'mailto:anna@rso.example' }] }] }]));
    expect(card.body[1]).toEqual({
      type: 'Container',
      items: [
        { type: 'TextBlock', text: 'Anna Smit – beheerder', weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: '[030 123 45 67](tel:+31301234567) · [anna@rso\\.example](mailto:anna@rso.example)', wrap: true, spacing: 'None' },
      ],
    });
  });

  // Teams' FactSet gives titles a narrow column and breaks them inside words ("Coördinatiel/aag").
  it('renders facts as rows: one label column wide enough for the longest label, and a wrapping value column', () => {
    const card = renderAdaptiveCard(view([{ type: 'facts', facts: [{ label: 'Coördinatielaag', value: 'Regionaal (RSO Rivierenland)' }, { label: 'Gemeld door', value: 'Sanne de Vries' }] }]));
    const row = (label: string, value: string) => ({
      type: 'ColumnSet',
      columns: [
        // "Coördinatielaag": 15 characters of 9.5 px, plus 4.
        { type: 'Column', width: '147px', items: [{ type: 'TextBlock', text: label, weight: 'Bolder', wrap: true }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: value, wrap: true }] },
      ],
    });
    expect(card.body.slice(1)).toEqual([row('Coördinatielaag', 'Regionaal (RSO Rivierenland)'), { ...row('Gemeld door', 'Sanne de Vries'), spacing: 'Small' }]);
  });

  it.each<[string[], string]>([
    [['Telefoon', 'E-mail'], '80px'],
    // Too long for one line: the column fits the longest word, the label wraps between words.
    [['Verantwoordelijke beheerder', 'Status'], '166px'],
    // Even one word too long for a fixed column: as wide as each label needs.
    [['Ketenregieverantwoordelijke', 'Status'], 'auto'],
  ])('gives labels %j a column of %s', (labels, width) => {
    const card = renderAdaptiveCard(view([{ type: 'facts', facts: labels.map((label) => ({ label, value: 'x' })) }]));
    expect(card.body.slice(1).map((row) => (row.columns as Array<{ width: string }>)[0]!.width)).toEqual(labels.map(() => width));
  });

  it('lets a long linked address wrap after "@" and "/" and before ".", with invisible zero-width spaces', () => {
    const card = renderAdaptiveCard(view([{ type: 'facts', facts: [
      { label: 'E-mail', value: 'servicedesk.rivierennet@example.org', url: 'mailto:servicedesk.rivierennet@example.org' },
      { label: 'Telefoon', value: '+31 20 555 0118', url: 'tel:+31205550118' },
    ] }]));
    const value = (row: number) => ((card.body[1 + row]!.columns as Array<{ items: Array<{ text: string }> }>)[1]!.items[0]!.text);
    expect(value(0)).toBe('[servicedesk\u200B.rivierennet@\u200Bexample\u200B.org](mailto:servicedesk.rivierennet@example.org)');
    expect(value(1)).toBe('[+31 20 555 0118](tel:+31205550118)');
  });

  // In markdown one line break is a space: Web Chat ran "• a\n• b" together into one paragraph.
  it('keeps each line of a plain text on its own line (an empty line between them in the markdown)', () => {
    const card = renderAdaptiveCard(view([{ type: 'text', text: 'Houd bij de hand:\n• uw AGB-code\n• de foutmelding' }]));
    expect(card.body[1]).toEqual({ type: 'TextBlock', text: 'Houd bij de hand:\n\n• uw AGB-code\n\n• de foutmelding', wrap: true });
  });

  it('gives every choice set wrap, and a choice with a description "label – description"', () => {
    const card = renderAdaptiveCard(inputView({
      kind: 'choice', id: 'choice', label: 'Wat is er aan de hand?', expanded: true,
      choices: [{ title: 'Gegevens bij de verkeerde', value: 'leak', description: 'een datalek: een overdracht of bericht kwam bij de verkeerde zorgaanbieder' }, { title: 'Iets anders', value: 'other' }],
    }));
    expect(card.body[1]).toMatchObject({
      type: 'Input.ChoiceSet', style: 'expanded', wrap: true,
      choices: [{ title: 'Gegevens bij de verkeerde – een datalek: een overdracht of bericht kwam bij de verkeerde zorgaanbieder', value: 'leak' }, { title: 'Iets anders', value: 'other' }],
    });
  });

  it('puts a secondary action under "…" (mode secondary), so the main buttons fit a phone\'s row', () => {
    const card = renderAdaptiveCard({ ...base, actions: [{ kind: 'submit', id: 'go', label: 'Meld incident', style: 'primary' }, { kind: 'submit', id: 'again', label: 'Opnieuw beginnen', secondary: true }] });
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Meld incident', style: 'positive', data: { action: 'go' } },
      { type: 'Action.Submit', title: 'Opnieuw beginnen', mode: 'secondary', data: { action: 'again' } },
    ]);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('sends no inputs and checks no required fields for an action that ignores them (a cancel)', () => {
    const card = renderAdaptiveCard({ ...inputView({ kind: 'text', id: 'name', label: 'Naam', required: true, requiredMessage: 'Verplicht' }), actions: [{ kind: 'submit', id: 'form.cancel', label: 'Annuleren', ignoresInputs: true, data: { form: 'news-form:abc' } }] });
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Annuleren', associatedInputs: 'None', data: { form: 'news-form:abc', action: 'form.cancel' } }]);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('draws a divider as a separator above the next block', () => {
    const card = renderAdaptiveCard(view([{ type: 'text', text: 'a' }, { type: 'divider' }, { type: 'text', text: 'b' }]));
    expect(card.body.slice(1)).toEqual([
      { type: 'TextBlock', text: 'a', wrap: true },
      { type: 'TextBlock', text: 'b', wrap: true, separator: true, spacing: 'Medium' },
    ]);
  });

  it.each<[CardInput, object]>([
    [inputs[0]!, { type: 'Input.Text', id: 'name', label: 'Naam' }],
    [inputs[1]!, { type: 'Input.Text', id: 'note', label: 'Notitie', isMultiline: true, maxLength: 500, placeholder: 'Typ…', value: 'Hoi' }],
    [inputs[2]!, { type: 'Input.ChoiceSet', id: 'team', label: 'Team', choices: [{ title: 'Wijk', value: 'wijk' }], style: 'compact', wrap: true, placeholder: 'Kies' }],
    [
      inputs[3]!,
      {
        type: 'Input.ChoiceSet', id: 'days', label: 'Dagen', isMultiSelect: true, style: 'expanded', wrap: true, value: 'ma,di',
        choices: [{ title: 'Ma', value: 'ma' }, { title: 'Di', value: 'di' }],
      },
    ],
    [inputs[4]!, { type: 'Input.Date', id: 'from', label: 'Vanaf', value: '2024-05-01' }],
    [inputs[5]!, { type: 'Input.Time', id: 'at', label: 'Om', value: '09:30' }],
    [inputs[6]!, { type: 'Input.Toggle', id: 'urgent', title: 'Spoed', wrap: true, value: 'true', valueOn: 'true', valueOff: 'false' }],
  ])('renders input %j', (input, expected) => {
    expect(renderAdaptiveCard(inputView(input)).body.slice(1)).toEqual([expected]);
  });

  it('puts a time input right after a date input beside it, in one row (a shorter form)', () => {
    const card = renderAdaptiveCard(view([
      { type: 'input', input: { kind: 'date', id: 'startDate', label: 'Begin (datum)', value: '2025-03-05' } },
      { type: 'input', input: { kind: 'time', id: 'startTime', label: 'Begin (tijd)', value: '20:00', error: 'Kies een tijd' } },
      { type: 'input', input: { kind: 'time', id: 'other', label: 'Los' } },
    ]));
    expect(card.body.slice(1)).toEqual([
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'Input.Date', id: 'startDate', label: 'Begin (datum)', value: '2025-03-05' }] },
          {
            type: 'Column', width: 'stretch', items: [
              { type: 'Input.Time', id: 'startTime', label: 'Begin (tijd)', value: '20:00', errorMessage: 'Kies een tijd' },
              { type: 'TextBlock', text: 'Kies een tijd', color: 'Attention', wrap: true, spacing: 'Small' },
            ],
          },
        ],
      },
      { type: 'Input.Time', id: 'other', label: 'Los' },
    ]);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('renders an unset toggle as "false"', () => {
    const card = renderAdaptiveCard(inputView({ kind: 'toggle', id: 't', label: 'T' }));
    expect(card.body[1]).toMatchObject({ value: 'false' });
  });

  it('shows an input error right under the input and as its errorMessage', () => {
    const card = renderAdaptiveCard(inputView({ kind: 'date', id: 'from', label: 'Vanaf', required: true, error: 'Kies een datum' }));
    expect(card.body.slice(1)).toEqual([
      { type: 'Input.Date', id: 'from', label: 'Vanaf', isRequired: true, errorMessage: 'Kies een datum' },
      { type: 'TextBlock', text: 'Kies een datum', color: 'Attention', wrap: true, spacing: 'Small' },
    ]);
  });

  it('refuses an input id that would hide the submit action id', () => {
    expect(() => renderAdaptiveCard(inputView({ kind: 'text', id: 'action', label: 'X' }))).toThrow(/reserved/);
  });

  it('puts both action kinds in the top-level actions, the id under data.action', () => {
    const card = renderAdaptiveCard({
      ...base,
      actions: [
        { kind: 'submit', id: 'save', label: 'Opslaan', style: 'primary', data: { caseId: 42, action: 'spoofed' } },
        { kind: 'submit', id: 'delete', label: 'Verwijderen', style: 'danger' },
        { kind: 'submit', id: 'later', label: 'Later' },
        { kind: 'url', label: 'Dossier', url: 'https://example.org/dossier/42' },
      ],
    });
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Opslaan', style: 'positive', data: { action: 'save', caseId: 42 } },
      { type: 'Action.Submit', title: 'Verwijderen', style: 'destructive', data: { action: 'delete' } },
      { type: 'Action.Submit', title: 'Later', data: { action: 'later' } },
      { type: 'Action.OpenUrl', title: 'Dossier', url: 'https://example.org/dossier/42' },
    ]);
  });
});

describe('renderAdaptiveCard output passes the official adaptivecards library (schema 1.5)', () => {
  const everyBlock: CardBlock[] = [
    { type: 'text', text: 'Plain' },
    { type: 'text', text: 'Kop', style: 'heading' },
    { type: 'text', text: 'Stil', style: 'muted' },
    { type: 'text', text: 'Let op', style: 'warning' },
    { type: 'facts', facts: [{ label: 'A', value: '1' }, { label: 'B', value: '2' }] },
    { type: 'facts', facts: [] },
    { type: 'divider' },
    { type: 'list', items: [{ title: 'Eén', text: 'Uitleg' }, { title: 'Twee' }, { title: 'Drie', links: [{ label: '112', url: 'tel:112' }] }] },
    { type: 'text', text: 'a\nb' },
    { type: 'image', url: 'https://example.org/a.png', alt: 'Kaart' },
    { type: 'divider' },
  ];
  const views: [string, CardView][] = [
    ['a bare card', base],
    ['every block kind', view(everyBlock, { subtitle: 'Sub', badge: { text: 'Open', tone: 'good' } })],
    ...(['warning', 'attention', 'accent', 'default'] as const).map((tone): [string, CardView] => [
      `a ${tone} badge`,
      { ...base, badge: { text: tone, tone } },
    ]),
    ...inputs.map((input): [string, CardView] => [`input ${input.id}`, inputView(input)]),
    ...inputs.map((input): [string, CardView] => [
      `required input ${input.id} with an error`,
      inputView({ ...input, required: true, error: 'Verplicht' }),
    ]),
    ['all inputs in one form', view(inputs.map((input) => ({ type: 'input', input })))],
    [
      'both action kinds',
      {
        ...base,
        actions: [
          { kind: 'submit', id: 'save', label: 'Opslaan', style: 'primary', data: { n: 1, ok: true } },
          { kind: 'submit', id: 'delete', label: 'Weg', style: 'danger' },
          { kind: 'url', label: 'Open', url: 'https://example.org' },
        ],
      },
    ],
  ];

  it.each(views)('%s', (_name, cardView) => {
    expect(validateAdaptiveCard(renderAdaptiveCard(cardView))).toEqual([]);
  });

  // CardView has no generic "this field is required" text, so a required input without an
  // `error` gets no errorMessage, and the library warns about exactly that.
  it('flags a required input without an error text (known model gap)', () => {
    const problems = validateAdaptiveCard(renderAdaptiveCard(inputView({ kind: 'text', id: 'name', label: 'Naam', required: true })));
    expect(problems).toEqual([
      'Validation RequiredInputsShouldHaveErrorMessage (Input.Text#name): Required inputs should have an error message',
    ]);
  });
});

describe('validateAdaptiveCard catches broken cards', () => {
  const card = (body: object[], actions: object[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });

  it.each<[string, object, RegExp]>([
    ['an unknown element type', card([{ type: 'Bogus' }]), /UnknownElementType/],
    ['an unknown action type', card([], [{ type: 'Action.Bogus', title: 'x' }]), /UnknownActionType/],
    ['an invalid property value', card([{ type: 'TextBlock', text: 'x', color: 'Pink' }]), /InvalidPropertyValue.*color/],
    ['a misspelt property name', card([{ type: 'TextBlock', text: 'x', issubtle: true }]), /UnknownProperty.*issubtle.*body\[0\]/],
    ['a property newer than 1.5', card([{ type: 'Image', url: 'https://example.org/a.png', forceLoad: true }]), /UnsupportedProperty.*forceLoad/],
    ['a choice set without choices', card([{ type: 'Input.ChoiceSet', id: 'c', label: 'C', choices: [] }]), /CollectionCantBeEmpty/],
    ['duplicate input ids', card([{ type: 'Input.Text', id: 'a', label: 'A' }, { type: 'Input.Date', id: 'a', label: 'B' }]), /DuplicateId/],
  ])('%s', (_name, json, expected) => {
    const problems = validateAdaptiveCard(json);
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });
});

describe('a long multi-select behind a toggle (collapsedUnder)', () => {
  const list = (extra: Partial<Extract<CardInput, { kind: 'choice' }>>): CardView => ({
    kind: 'test', title: 'Form', fallbackText: 'Form',
    blocks: [{ type: 'input', input: { kind: 'choice', id: 'orgs', label: 'Organisaties', multiSelect: true, collapsedUnder: 'Organisaties: kiezen of wijzigen', choices: [{ title: 'A', value: 'a' }, { title: 'B', value: 'b' }], ...extra } }],
  });
  const body = (view: CardView) => JSON.stringify(renderAdaptiveCard(view).body);

  it('is hidden behind a toggle button, the input still in the card', () => {
    const out = body(list({ value: ['a'] }));
    expect(out).toContain('Action.ToggleVisibility');
    expect(out).toContain('"isVisible":false');
    expect(out).toContain('"id":"orgs"');
  });

  it('stays open when it has an error, or is required with nothing chosen (the client would point at a hidden field)', () => {
    expect(body(list({ value: ['a'], error: 'Kies er een' }))).not.toContain('ToggleVisibility');
    expect(body(list({ required: true, value: [] }))).not.toContain('ToggleVisibility');
    expect(body(list({ required: true }))).not.toContain('ToggleVisibility');
    expect(body(list({ required: true, value: ['b'] }))).toContain('ToggleVisibility');
  });
});
