// The CardService adapter and the Apps Script platform, bundled as addon/build.mjs bundles the
// add-on and run in a V8 context whose globals are the Apps Script doubles: card JSON goes
// through the real adapter into the CardService double and must come back unchanged and valid
// against Google's card schema. Also the doubles' own strictness, and the schema check's messages.
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import type { ActionResult, Card, Widget } from '../../addon/src/cards/card-json';
import type { Platform } from '../../addon/src/platform';
import {
  AppsScriptException,
  createAppsScriptDoubles,
  type AppsScriptDoubleOptions,
  type AppsScriptDoubles,
  type HostResponse,
} from '../support/apps-script-double';
import { buildTestBundle } from '../support/addon-vm';
import { cardProblems, expectValidCard } from '../support/card-schema';

/** The bundle's top-level functions, read off its global object. */
interface Adapter {
  toCard: (card: Card) => unknown;
  toActionResponse: (result: ActionResult) => unknown;
  appsScriptPlatform: () => Platform;
}

let bundle: string;

beforeAll(async () => {
  bundle = readFileSync(
    await buildTestBundle(`
      export { toActionResponse, toCard } from './apps-script/card-service';
      export { appsScriptPlatform } from './apps-script/platform';
    `),
    'utf8',
  );
});

/** The bundle in a fresh context over fresh doubles, as one Apps Script execution. */
function load(options: AppsScriptDoubleOptions = {}): Adapter & { doubles: AppsScriptDoubles } {
  const doubles = createAppsScriptDoubles(options);
  const context = createContext({ ...doubles.globals });
  runInContext(bundle, context);
  return { ...(context as Adapter), doubles };
}

/** What a test compares: the JSON the double built, as Google would receive it. */
function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

const run = (fn: string, parameters?: Record<string, string>) => ({
  action: {
    function: fn,
    ...(parameters === undefined
      ? {}
      : { parameters: Object.entries(parameters).map(([key, value]) => ({ key, value })) }),
  },
});

/** One card with every widget kind and every option card-json.ts has. */
const EVERYTHING: Card = {
  name: 'everything',
  header: { title: 'Conference CP-2026-0042', subtitle: 'Initial child protection conference' },
  sections: [
    {
      header: 'When and where',
      collapsible: true,
      uncollapsibleWidgetsCount: 2,
      widgets: [
        { textParagraph: { text: '<b>Monday 7 December</b><br>10:30' } },
        {
          decoratedText: {
            topLabel: 'Chair',
            text: 'chair.one@hackney.gov.uk',
            bottomLabel: 'Accepted',
            wrapText: true,
            startIcon: { knownIcon: 'PERSON', altText: 'Chair' },
            button: { text: 'Change', onClick: run('showReschedule', { reference: 'CP-2026-0042' }) },
            onClick: { action: { function: 'showConference', loadIndicator: 'NONE' } },
          },
        },
        {
          decoratedText: {
            text: 'Open in Calendar',
            onClick: { openLink: { url: 'https://calendar.google.com/calendar/r/eventedit/abc' } },
          },
        },
        { divider: {} },
        {
          buttonList: {
            buttons: [
              {
                text: 'Book',
                onClick: { action: { function: 'confirmBooking', loadIndicator: 'SPINNER' } },
                type: 'FILLED',
              },
              { text: 'Outlined', onClick: run('showHomepage'), type: 'OUTLINED' },
              { text: 'Borderless', onClick: run('showHomepage'), type: 'BORDERLESS', disabled: true },
              { text: 'Tonal', onClick: run('showHomepage'), type: 'FILLED_TONAL', disabled: false },
              {
                text: 'Meet',
                onClick: {
                  openLink: {
                    url: 'https://meet.google.com/abc-defg-hij',
                    openAs: 'OVERLAY',
                    onClose: 'RELOAD',
                  },
                },
              },
              {
                text: 'Mail',
                onClick: {
                  openLink: { url: 'https://mail.google.com/', openAs: 'FULL_SIZE', onClose: 'NOTHING' },
                },
              },
            ],
          },
        },
      ],
    },
    {
      header: 'Form',
      widgets: [
        { textInput: { name: 'venue', label: 'Venue', hintText: 'Building and room', value: 'Room 2' } },
        { textInput: { name: 'notes', label: 'Notes', type: 'MULTIPLE_LINE' } },
        { textInput: { name: 'ref', label: 'Reference', type: 'SINGLE_LINE', value: '' } },
        {
          selectionInput: {
            name: 'type',
            label: 'Conference type',
            type: 'DROPDOWN',
            items: [
              { text: 'Initial', value: 'initial', selected: true },
              { text: 'Review', value: 'review', selected: false },
            ],
            onChangeAction: { function: 'changeBookingForm', parameters: [{ key: 'change', value: 'type' }] },
          },
        },
        {
          selectionInput: {
            name: 'parts',
            label: 'Parts',
            type: 'RADIO_BUTTON',
            items: [{ text: 'One', value: '1', selected: true }],
          },
        },
        {
          selectionInput: {
            name: 'agencies',
            label: 'Agencies',
            type: 'CHECK_BOX',
            items: [
              { text: 'Police', value: 'police', selected: true },
              { text: 'Health', value: 'health', selected: true },
            ],
          },
        },
        {
          selectionInput: {
            name: 'interpreter',
            label: 'Interpreter',
            type: 'SWITCH',
            items: [{ text: 'Interpreter', value: 'yes', selected: false }],
          },
        },
        {
          dateTimePicker: {
            name: 'start',
            label: 'Start',
            type: 'DATE_AND_TIME',
            valueMsEpoch: '1796639400000',
            timezoneOffsetDate: 0,
          },
        },
        {
          dateTimePicker: {
            name: 'london',
            label: 'In London',
            type: 'DATE_AND_TIME',
            timezoneOffsetDate: 60,
          },
        },
        {
          dateTimePicker: {
            name: 'discussion',
            label: 'Strategy discussion',
            type: 'DATE_ONLY',
            valueMsEpoch: '1795392000000',
          },
        },
        { dateTimePicker: { name: 'empty', label: 'No date yet', type: 'DATE_ONLY' } },
        { dateTimePicker: { name: 'time', label: 'Time', type: 'TIME_ONLY', valueMsEpoch: '37800000' } },
        { dateTimePicker: { name: 'midnight', label: 'Midnight', type: 'TIME_ONLY', valueMsEpoch: '0' } },
      ],
    },
    { widgets: [{ textParagraph: { text: 'A section with no header' } }], collapsible: false },
  ],
  fixedFooter: {
    primaryButton: {
      text: 'Save',
      onClick: run('submitOutcome', { reference: 'CP-2026-0042', step: '2' }),
      type: 'FILLED',
    },
    secondaryButton: { text: 'Back', onClick: run('showHomepage') },
  },
};

const SMALL: Card = {
  name: 'small',
  header: { title: 'Done' },
  sections: [{ widgets: [{ textParagraph: { text: 'Booked.' } }] }],
};

describe('toCard through the CardService double', () => {
  it('gives back every widget kind and option of card-json.ts unchanged, as a valid card', () => {
    expectValidCard(EVERYTHING);
    const card = json(load().toCard(EVERYTHING));
    expect(card).toEqual(EVERYTHING);
    expectValidCard(card);
  });

  it('returns a card Apps Script can print, the footer optional', () => {
    const built = load().toCard(SMALL) as { printJson(): string };
    expect(JSON.parse(built.printJson())).toEqual(SMALL);
  });

  it.each([
    'CLOCK',
    'EMAIL',
    'PERSON',
    'MULTIPLE_PEOPLE',
    'DESCRIPTION',
    'EVENT_SEAT',
    'BOOKMARK',
    'STAR',
    'INVITE',
    'MAP_PIN',
    'VIDEO_CAMERA',
  ] as const)('maps the known icon %s to CardService.Icon', (knownIcon) => {
    const card: Card = {
      ...SMALL,
      sections: [{ widgets: [{ decoratedText: { text: 'x', startIcon: { knownIcon } } }] }],
    };
    expect(json(load().toCard(card))).toEqual(card);
  });

  it("shows a date-only picker's zero offset as CardService's date picker does: in UTC, with no offset", () => {
    const picker: Widget = {
      dateTimePicker: {
        name: 'day',
        label: 'Day',
        type: 'DATE_ONLY',
        valueMsEpoch: '1795392000000',
        timezoneOffsetDate: 0,
      },
    };
    const card = json(load().toCard({ ...SMALL, sections: [{ widgets: [picker] }] })) as Card;
    expect(card.sections[0]?.widgets[0]).toEqual({
      dateTimePicker: { name: 'day', label: 'Day', type: 'DATE_ONLY', valueMsEpoch: '1795392000000' },
    });
  });

  it.each([
    [
      { name: 'day', label: 'Day', type: 'DATE_ONLY', timezoneOffsetDate: 60 },
      /Picker day: .*must be 0 or absent, not 60/,
    ],
    [
      { name: 't', label: 'T', type: 'TIME_ONLY', valueMsEpoch: '1796639400000' },
      /Picker t: .*whole minutes into the day/,
    ],
    [{ name: 't', label: 'T', type: 'TIME_ONLY', valueMsEpoch: '90000' }, /Picker t: .*not 90000/],
  ] as const)('refuses a picker CardService cannot show: %j', (dateTimePicker, message) => {
    const card: Card = { ...SMALL, sections: [{ widgets: [{ dateTimePicker }] }] };
    expect(() => load().toCard(card)).toThrow(message);
  });

  it('refuses an action that repeats a parameter key, which setParameters would lose', () => {
    const onClick = {
      action: {
        function: 'showConference',
        parameters: [
          { key: 'r', value: '1' },
          { key: 'r', value: '2' },
        ],
      },
    };
    const card: Card = {
      ...SMALL,
      sections: [{ widgets: [{ buttonList: { buttons: [{ text: 'Go', onClick }] } }] }],
    };
    expect(() => load().toCard(card)).toThrow('Action showConference repeats a parameter key');
  });
});

describe('toActionResponse through the CardService double', () => {
  const OTHER: Card = { ...SMALL, name: 'other', header: { title: 'Other' } };

  it.each<[string, ActionResult]>([
    ['pushCard', { navigation: { pushCard: SMALL } }],
    ['updateCard', { navigation: { updateCard: SMALL } }],
    ['popCard', { navigation: { popCard: true } }],
    ['popCard then updateCard', { navigation: { popCard: true, updateCard: OTHER } }],
    ['popToRoot', { navigation: { popToRoot: true } }],
    ['popToRoot then updateCard', { navigation: { popToRoot: true, updateCard: OTHER } }],
    ['a notification', { notification: 'Conference booked.' }],
    ['a link', { openLink: { url: 'https://calendar.google.com/', openAs: 'OVERLAY', onClose: 'RELOAD' } }],
    [
      'all three',
      {
        navigation: { pushCard: EVERYTHING },
        notification: 'Saved.',
        openLink: { url: 'https://mail.google.com/' },
      },
    ],
    ['nothing', {}],
  ])('gives back %s unchanged', (_name, result) => {
    expect(json(load().toActionResponse(result))).toEqual(result);
  });
});

describe('the CardService double is as strict as Apps Script', () => {
  const { CardService } = createAppsScriptDoubles().globals;

  it('throws for an argument of the wrong type, in Apps Script words', () => {
    expect(() => CardService.newTextParagraph().setText(5)).toThrow(
      "The parameters (number) don't match the method signature for CardService.TextParagraph.setText.",
    );
    expect(() => CardService.newCardSection().setNumUncollapsibleWidgets(1.5)).toThrow(AppsScriptException);
    expect(() => CardService.newCardSection().addWidget({ textParagraph: { text: 'x' } })).toThrow(
      "The parameters (Object) don't match the method signature for CardService.CardSection.addWidget.",
    );
    expect(() => CardService.newTextButton().setText()).toThrow('The parameters () ');
  });

  it('takes only its own enum values, not their names or look-alikes', () => {
    expect(() => CardService.newTextButton().setTextButtonStyle('FILLED')).toThrow(
      "The parameters (String) don't match the method signature for CardService.TextButton.setTextButtonStyle.",
    );
    expect(() =>
      CardService.newTextButton().setTextButtonStyle({ enumName: 'TextButtonStyle', name: 'FILLED' }),
    ).toThrow(AppsScriptException);
    expect(() => CardService.newTextButton().setTextButtonStyle(CardService.LoadIndicator.SPINNER)).toThrow(
      '(CardService.LoadIndicator)',
    );
    expect(String(CardService.TextButtonStyle.FILLED)).toBe('FILLED');
  });

  it('refuses to build a card without sections, a button without text or action, an unnamed input', () => {
    const header = CardService.newCardHeader().setTitle('T');
    expect(() => CardService.newCardBuilder().setHeader(header).build()).toThrow(
      'a card needs at least one section',
    );
    const withButton = (button: unknown) =>
      CardService.newCardBuilder().addSection(
        CardService.newCardSection().addWidget(CardService.newButtonSet().addButton(button)),
      );
    const action = CardService.newAction().setFunctionName('go');
    expect(() => withButton(CardService.newTextButton().setOnClickAction(action)).build()).toThrow(
      'a TextButton needs text (at sections[0].widgets[0].buttonList.buttons[0])',
    );
    expect(() => withButton(CardService.newTextButton().setText('Go')).build()).toThrow(
      'a TextButton needs an action or a link',
    );
    const input = CardService.newTextInput().setTitle('Venue');
    expect(() =>
      CardService.newCardBuilder().addSection(CardService.newCardSection().addWidget(input)).build(),
    ).toThrow('a TextInput needs setFieldName (at sections[0].widgets[0].textInput)');
    expect(() => CardService.newAction().setFunctionName('x').setParameters({ n: 1 })).toThrow(
      'the value of n is number, not String',
    );
  });

  it('lets a button have one on-click only', () => {
    const button = CardService.newTextButton().setOnClickAction(
      CardService.newAction().setFunctionName('go'),
    );
    expect(() => button.setOpenLink(CardService.newOpenLink().setUrl('https://mail.google.com/'))).toThrow(
      'can only have one of setOnClickAction and setOpenLink',
    );
  });

  it('has no method it does not model, and takes only cards it built', () => {
    const service = CardService as unknown as Record<string, unknown>;
    expect(service.newKeyValue).toBeUndefined();
    expect(() => CardService.newNavigation().pushCard(SMALL)).toThrow(
      "The parameters (Object) don't match the method signature for CardService.Navigation.pushCard.",
    );
  });
});

describe('the Apps Script platform over the doubles', () => {
  const ok = (status: number, body: string): HostResponse => ({
    kind: 'response',
    status,
    headers: { 'content-type': 'application/json' },
    body: new TextEncoder().encode(body),
  });

  it('sends JSON with the given headers, never follows redirects, and passes any status through', () => {
    const sent: unknown[] = [];
    const { appsScriptPlatform, doubles } = load({
      fetch: (request) => {
        sent.push(request);
        return ok(409, '{"error":{"code":"CONFERENCE.CLASH"}}');
      },
    });
    const response = appsScriptPlatform().fetch({
      method: 'POST',
      url: 'https://desk.example/conferences',
      headers: { Authorization: 'Bearer t' },
      payload: '{"a":1}',
    });
    expect(response).toEqual({ status: 409, body: '{"error":{"code":"CONFERENCE.CLASH"}}' });
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'https://desk.example/conferences',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        payload: '{"a":1}',
        followRedirects: false,
      },
    ]);
    expect(doubles.fetches).toHaveLength(1);
  });

  it('turns an unreachable service into a NetworkError that does not repeat the query', () => {
    const { appsScriptPlatform } = load({
      fetch: (request) => ({ kind: 'network-error', message: `Address unavailable: ${request.url}` }),
    });
    let thrown: unknown;
    try {
      appsScriptPlatform().fetch({
        method: 'GET',
        url: 'https://desk.example/conferences?q=LCS-104233',
        headers: {},
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      name: 'NetworkError',
      message:
        'Could not reach https://desk.example/conferences: Address unavailable: https://desk.example/conferences',
    });
  });

  it('reads the identity token, script properties and the open message header', () => {
    const platform = load({
      identityToken: 'id-token',
      scriptProperties: { SERVICE_URL: 'https://desk.example' },
      messageIdHeaders: { m1: '<abc@mail.example>' },
      currentMessageAccessToken: 'access',
    }).appsScriptPlatform();
    expect(platform.identityToken()).toBe('id-token');
    expect(platform.scriptProperty('SERVICE_URL')).toBe('https://desk.example');
    expect(platform.scriptProperty('MISSING')).toBeNull();
    expect(platform.messageIdHeader('m1', 'access')).toBe('<abc@mail.example>');
    expect(platform.messageIdHeader('m1', 'some other token')).toBeNull();
    expect(platform.messageIdHeader('unknown', 'access')).toBeNull();
    expect(load({ identityToken: null }).appsScriptPlatform().identityToken()).toBeNull();
  });
});

describe('the UrlFetchApp double', () => {
  it('throws for an error status unless muteHttpExceptions, and for an option Apps Script lacks', () => {
    const { UrlFetchApp } = createAppsScriptDoubles({
      fetch: () => ({
        kind: 'response',
        status: 404,
        headers: {},
        body: new TextEncoder().encode('not here'),
      }),
    }).globals;
    expect(() => UrlFetchApp.fetch('https://desk.example/x?y=1')).toThrow(
      'Request failed for https://desk.example returned code 404. Truncated server response: not here',
    );
    expect(UrlFetchApp.fetch('https://desk.example/x', { muteHttpExceptions: true }).getResponseCode()).toBe(
      404,
    );
    expect(() => UrlFetchApp.fetch('https://desk.example/x', { muteHttpException: true })).toThrow(
      'UrlFetchApp options have no muteHttpException',
    );
    expect(() => UrlFetchApp.fetch('desk.example/x')).toThrow('Invalid argument: desk.example/x');
  });
});

describe('cardProblems', () => {
  it('accepts a valid card', () => {
    expect(cardProblems(EVERYTHING)).toEqual([]);
  });

  it('names the path of each problem in a malformed card', () => {
    const bad = {
      name: 'bad',
      header: { subtitle: 'no title' },
      sections: [
        {
          widgets: [
            { buttonList: { buttons: [{ text: 'Go', onClick: run('x'), type: 'SHINY' }] } },
            { dateTimePicker: { name: 'd', type: 'DATE_ONLY', valueMsEpoch: 1795392000000 } },
            { textParagraph: { text: 'a' }, divider: {} },
            { decoratedText: { text: 'x', colour: 'red' } },
            { textInput: { name: 'n', type: 'MULTILINE' } },
          ],
          uncollapsibleWidgetsCount: 1.5,
        },
      ],
    };
    expect(cardProblems(bad)).toEqual([
      'header.title: is required by GoogleAppsCardV1CardHeader',
      'sections[0].widgets[0].buttonList.buttons[0].type: "SHINY" is not one of TYPE_UNSPECIFIED, OUTLINED, FILLED, FILLED_TONAL, BORDERLESS',
      'sections[0].widgets[1].dateTimePicker.valueMsEpoch: must be an int64 as a decimal string, not 1795392000000',
      'sections[0].widgets[2]: GoogleAppsCardV1Widget must set exactly one of textParagraph, image, decoratedText, buttonList, textInput, selectionInput, dateTimePicker, divider, grid, columns, carousel, chipList, not textParagraph and divider',
      'sections[0].widgets[3].decoratedText.colour: is not a field of GoogleAppsCardV1DecoratedText',
      'sections[0].widgets[4].textInput.type: "MULTILINE" is not one of SINGLE_LINE, MULTIPLE_LINE',
      'sections[0].uncollapsibleWidgetsCount: must be a whole number (int32), not 1.5',
    ]);
  });

  it('refuses what is not a card at all', () => {
    expect(cardProblems([SMALL])).toEqual([
      '(card): must be an object (GoogleAppsCardV1Card), not ' + JSON.stringify([SMALL]),
    ]);
  });
});
