// Test doubles of the Apps Script services the add-on touches (CardService, UrlFetchApp,
// ScriptApp, PropertiesService, GmailApp, console, Logger), strict where Apps Script is strict:
// arguments of the wrong type throw its "parameters don't match" exception, enums must be the
// double's own enum objects, a card or button missing what Google requires fails on build(), and
// a method the double lacks is simply absent (TypeError), so code that runs against it uses only
// what it models. CardBuilder.build() returns the card as V1 JSON (cards/card-json.ts's shape)
// and ActionResponseBuilder.build() an ActionResult, so a test can compare them with the JSON a
// card function produced.
//
// The file is loaded both by ts-jest and, in addon-vm's worker thread, by Node's own type
// stripping: it must stay erasable TypeScript (no enums, namespaces or parameter properties),
// import nothing at run time (type-only imports are stripped), and touch no Node API.
import type { ActionResult, Card } from '../../addon/src/cards/card-json';

/** What UrlFetchApp asks the host to send; the host answers synchronously. */
export interface HostRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload?: string;
  readonly followRedirects: boolean;
}

export type HostResponse =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array;
    }
  /** Nothing came back; `message` is Apps Script's wording, e.g. "Address unavailable: <url>". */
  | { readonly kind: 'network-error'; readonly message: string };

/** One UrlFetchApp.fetch call as the script made it. */
export interface FetchRecord {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

export interface AppsScriptDoubleOptions {
  /** Performs UrlFetchApp's request; without it every fetch fails as if offline. */
  readonly fetch?: (request: HostRequest) => HostResponse;
  /** What ScriptApp.getIdentityToken() returns (null: the openid scope was not granted). */
  readonly identityToken?: string | null;
  readonly scriptProperties?: Readonly<Record<string, string>>;
  /** Gmail message id → its Message-ID header, for GmailApp.getMessageById(id).getHeader(). */
  readonly messageIdHeaders?: Readonly<Record<string, string>>;
  /** The access token the event carried; when set, setCurrentMessageAccessToken must be given it. */
  readonly currentMessageAccessToken?: string;
}

export interface AppsScriptGlobals {
  readonly CardService: typeof CardService;
  readonly UrlFetchApp: { fetch(...args: unknown[]): HttpResponseDouble };
  readonly ScriptApp: { getIdentityToken(...args: unknown[]): string | null };
  readonly PropertiesService: { getScriptProperties(...args: unknown[]): PropertiesDouble };
  readonly GmailApp: {
    setCurrentMessageAccessToken(...args: unknown[]): void;
    getMessageById(...args: unknown[]): GmailMessageDouble;
  };
  readonly console: Record<'log' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;
  readonly Logger: { log(...args: unknown[]): unknown };
}

export interface AppsScriptDoubles {
  /** Put these on the script's global object. */
  readonly globals: AppsScriptGlobals;
  readonly fetches: FetchRecord[];
  /** console.* and Logger.log lines, in order. */
  readonly logs: string[];
}

/** What Apps Script's services throw: `e.name` is "Exception". */
export class AppsScriptException extends Error {
  override readonly name = 'Exception';
}

// ---- argument checks -------------------------------------------------------------------------

interface EnumValue {
  readonly enumName: string;
  readonly name: string;
  /** Like a Java enum's: its name. */
  toString(): string;
}

const enumValues = new WeakSet<object>();

function isEnumValue(value: unknown, enumName?: string): value is EnumValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    enumValues.has(value) &&
    (enumName === undefined || (value as EnumValue).enumName === enumName)
  );
}

function makeEnum<const K extends string>(
  enumName: string,
  names: readonly K[],
): Readonly<Record<K, EnumValue>> {
  const entries = names.map((name) => {
    const value = Object.freeze({ enumName, name, toString: () => name, toJSON: () => name });
    enumValues.add(value);
    return [name, value] as const;
  });
  return Object.freeze(Object.fromEntries(entries) as unknown as Record<K, EnumValue>);
}

/** Every double class; the name Apps Script would print is the class name. */
abstract class Double {
  toString(): string {
    return this.constructor.name;
  }
}

/** How Apps Script names an argument's type in "The parameters (…) don't match…". */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number' || typeof value === 'undefined') return typeof value;
  if (isEnumValue(value)) return `CardService.${value.enumName}`;
  if (value instanceof Double) return `CardService.${value.constructor.name}`;
  return Array.isArray(value) ? 'Object[]' : 'Object';
}

type Kind =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number|string'
  | 'object'
  | { readonly enum: string }
  | { readonly double: abstract new (...args: never[]) => Double };

function matches(kind: Kind, value: unknown): boolean {
  if (kind === 'string' || kind === 'boolean') return typeof value === kind;
  if (kind === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (kind === 'number|string') return typeof value === 'number' || typeof value === 'string';
  if (kind === 'object') {
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !(value instanceof Double) &&
      !enumValues.has(value)
    );
  }
  if ('enum' in kind) return isEnumValue(value, kind.enum);
  return value instanceof kind.double;
}

/** Throws Apps Script's signature exception unless `args` are exactly `kinds`. */
function signature(owner: string, method: string, args: readonly unknown[], kinds: readonly Kind[]): void {
  if (args.length === kinds.length && kinds.every((kind, i) => matches(kind, args[i]))) return;
  throw new AppsScriptException(
    `The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${owner}.${method}.`,
  );
}

function invalid(what: string): AppsScriptException {
  return new AppsScriptException(`Invalid argument: ${what}`);
}

/** A build() failure: what Google refuses, with where in the card it is. */
function incomplete(path: string, problem: string): AppsScriptException {
  return new AppsScriptException(`Could not build the card: ${problem} (at ${path === '' ? 'card' : path}).`);
}

// ---- CardService -----------------------------------------------------------------------------

type Json = Record<string, unknown>;

const TextButtonStyle = makeEnum('TextButtonStyle', ['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']);
const LoadIndicator = makeEnum('LoadIndicator', ['SPINNER', 'NONE']);
const OpenAs = makeEnum('OpenAs', ['FULL_SIZE', 'OVERLAY']);
const OnClose = makeEnum('OnClose', ['NOTHING', 'RELOAD', 'RELOAD_ADD_ON']);
const SelectionInputType = makeEnum('SelectionInputType', [
  'CHECK_BOX',
  'RADIO_BUTTON',
  'DROPDOWN',
  'SWITCH',
  'MULTI_SELECT',
]);
// Apps Script's Icon enum; the card JSON's knownIcon takes the same names.
const Icon = makeEnum('Icon', [
  'NONE',
  'AIRPLANE',
  'BOOKMARK',
  'BUS',
  'CAR',
  'CLOCK',
  'CONFIRMATION_NUMBER_ICON',
  'DOLLAR',
  'DESCRIPTION',
  'EMAIL',
  'EVENT_PERFORMER',
  'EVENT_SEAT',
  'FLIGHT_ARRIVAL',
  'FLIGHT_DEPARTURE',
  'HOTEL',
  'HOTEL_ROOM_TYPE',
  'INVITE',
  'MAP_PIN',
  'MEMBERSHIP',
  'MULTIPLE_PEOPLE',
  'OFFER',
  'PERSON',
  'PHONE',
  'RESTAURANT_ICON',
  'SHOPPING_CART',
  'STAR',
  'STORE',
  'TICKET',
  'TRAIN',
  'VIDEO_CAMERA',
  'VIDEO_PLAY',
]);

class Action extends Double {
  #function: string | undefined;
  #parameters: [string, string][] | undefined;
  #loadIndicator: EnumValue | undefined;

  setFunctionName(...args: unknown[]): this {
    signature('CardService.Action', 'setFunctionName', args, ['string']);
    this.#function = args[0] as string;
    return this;
  }

  setParameters(...args: unknown[]): this {
    signature('CardService.Action', 'setParameters', args, ['object']);
    const entries = Object.entries(args[0] as object) as [string, unknown][];
    const bad = entries.find(([, value]) => typeof value !== 'string');
    // Apps Script: "Both keys and values must be strings."
    if (bad !== undefined)
      throw invalid(`parameters (the value of ${bad[0]} is ${typeName(bad[1])}, not String)`);
    this.#parameters = entries as [string, string][];
    return this;
  }

  setLoadIndicator(...args: unknown[]): this {
    signature('CardService.Action', 'setLoadIndicator', args, [{ enum: 'LoadIndicator' }]);
    this.#loadIndicator = args[0] as EnumValue;
    return this;
  }

  json(path: string): Json {
    if (this.#function === undefined) throw incomplete(path, 'an Action needs setFunctionName');
    return {
      function: this.#function,
      ...(this.#parameters === undefined
        ? {}
        : { parameters: this.#parameters.map(([key, value]) => ({ key, value })) }),
      ...(this.#loadIndicator === undefined ? {} : { loadIndicator: this.#loadIndicator.name }),
    };
  }
}

class OpenLink extends Double {
  #url: string | undefined;
  #openAs: EnumValue | undefined;
  #onClose: EnumValue | undefined;

  setUrl(...args: unknown[]): this {
    signature('CardService.OpenLink', 'setUrl', args, ['string']);
    this.#url = args[0] as string;
    return this;
  }

  setOpenAs(...args: unknown[]): this {
    signature('CardService.OpenLink', 'setOpenAs', args, [{ enum: 'OpenAs' }]);
    this.#openAs = args[0] as EnumValue;
    return this;
  }

  setOnClose(...args: unknown[]): this {
    signature('CardService.OpenLink', 'setOnClose', args, [{ enum: 'OnClose' }]);
    this.#onClose = args[0] as EnumValue;
    return this;
  }

  json(path: string): Json {
    if (this.#url === undefined) throw incomplete(path, 'an OpenLink needs setUrl');
    // The V1 schema has only NOTHING and RELOAD; the deprecated RELOAD_ADD_ON is also a reload.
    const onClose = this.#onClose?.name === 'RELOAD_ADD_ON' ? 'RELOAD' : this.#onClose?.name;
    return {
      url: this.#url,
      ...(this.#openAs === undefined ? {} : { openAs: this.#openAs.name }),
      ...(onClose === undefined ? {} : { onClose }),
    };
  }
}

/** The one on-click a button or decorated text may have: Apps Script allows an action or a link. */
class OnClickSlot {
  #value: { action: Action } | { openLink: OpenLink } | undefined;

  set(owner: string, method: 'setOnClickAction' | 'setOpenLink', args: readonly unknown[]): void {
    const isAction = method === 'setOnClickAction';
    signature(`CardService.${owner}`, method, args, [{ double: isAction ? Action : OpenLink }]);
    if (this.#value !== undefined) {
      throw new AppsScriptException(`A ${owner} can only have one of setOnClickAction and setOpenLink set.`);
    }
    this.#value = isAction ? { action: args[0] as Action } : { openLink: args[0] as OpenLink };
  }

  json(path: string): Json | undefined {
    if (this.#value === undefined) return undefined;
    return 'action' in this.#value
      ? { action: this.#value.action.json(`${path}.action`) }
      : { openLink: this.#value.openLink.json(`${path}.openLink`) };
  }
}

class TextButton extends Double {
  #text: string | undefined;
  #disabled: boolean | undefined;
  #style: EnumValue | undefined;
  readonly #onClick = new OnClickSlot();

  setText(...args: unknown[]): this {
    signature('CardService.TextButton', 'setText', args, ['string']);
    this.#text = args[0] as string;
    return this;
  }

  setOnClickAction(...args: unknown[]): this {
    this.#onClick.set('TextButton', 'setOnClickAction', args);
    return this;
  }

  setOpenLink(...args: unknown[]): this {
    this.#onClick.set('TextButton', 'setOpenLink', args);
    return this;
  }

  setDisabled(...args: unknown[]): this {
    signature('CardService.TextButton', 'setDisabled', args, ['boolean']);
    this.#disabled = args[0] as boolean;
    return this;
  }

  setTextButtonStyle(...args: unknown[]): this {
    signature('CardService.TextButton', 'setTextButtonStyle', args, [{ enum: 'TextButtonStyle' }]);
    this.#style = args[0] as EnumValue;
    return this;
  }

  json(path: string): Json {
    if (this.#text === undefined || this.#text === '') throw incomplete(path, 'a TextButton needs text');
    const onClick = this.#onClick.json(`${path}.onClick`);
    if (onClick === undefined) throw incomplete(path, 'a TextButton needs an action or a link');
    return {
      text: this.#text,
      onClick,
      ...(this.#disabled === undefined ? {} : { disabled: this.#disabled }),
      ...(this.#style === undefined ? {} : { type: this.#style.name }),
    };
  }
}

/** Anything CardSection.addWidget takes. */
abstract class Widget extends Double {
  abstract widgetJson(path: string): Json;
}

class TextParagraph extends Widget {
  #text: string | undefined;

  setText(...args: unknown[]): this {
    signature('CardService.TextParagraph', 'setText', args, ['string']);
    this.#text = args[0] as string;
    return this;
  }

  widgetJson(path: string): Json {
    if (this.#text === undefined) throw incomplete(path, 'a TextParagraph needs text');
    return { textParagraph: { text: this.#text } };
  }
}

class IconImage extends Double {
  #icon: EnumValue | undefined;
  #altText: string | undefined;

  setIcon(...args: unknown[]): this {
    signature('CardService.IconImage', 'setIcon', args, [{ enum: 'Icon' }]);
    this.#icon = args[0] as EnumValue;
    return this;
  }

  setAltText(...args: unknown[]): this {
    signature('CardService.IconImage', 'setAltText', args, ['string']);
    this.#altText = args[0] as string;
    return this;
  }

  json(path: string): Json {
    if (this.#icon === undefined) throw incomplete(path, 'an IconImage needs an icon');
    return {
      knownIcon: this.#icon.name,
      ...(this.#altText === undefined ? {} : { altText: this.#altText }),
    };
  }
}

class DecoratedText extends Widget {
  #text: string | undefined;
  #topLabel: string | undefined;
  #bottomLabel: string | undefined;
  #wrapText: boolean | undefined;
  #startIcon: IconImage | undefined;
  #button: TextButton | undefined;
  readonly #onClick = new OnClickSlot();

  setText(...args: unknown[]): this {
    signature('CardService.DecoratedText', 'setText', args, ['string']);
    this.#text = args[0] as string;
    return this;
  }

  setTopLabel(...args: unknown[]): this {
    signature('CardService.DecoratedText', 'setTopLabel', args, ['string']);
    this.#topLabel = args[0] as string;
    return this;
  }

  setBottomLabel(...args: unknown[]): this {
    signature('CardService.DecoratedText', 'setBottomLabel', args, ['string']);
    this.#bottomLabel = args[0] as string;
    return this;
  }

  setWrapText(...args: unknown[]): this {
    signature('CardService.DecoratedText', 'setWrapText', args, ['boolean']);
    this.#wrapText = args[0] as boolean;
    return this;
  }

  setStartIcon(...args: unknown[]): this {
    signature('CardService.DecoratedText', 'setStartIcon', args, [{ double: IconImage }]);
    this.#startIcon = args[0] as IconImage;
    return this;
  }

  setButton(...args: unknown[]): this {
    signature('CardService.DecoratedText', 'setButton', args, [{ double: TextButton }]);
    this.#button = args[0] as TextButton;
    return this;
  }

  setOnClickAction(...args: unknown[]): this {
    this.#onClick.set('DecoratedText', 'setOnClickAction', args);
    return this;
  }

  setOpenLink(...args: unknown[]): this {
    this.#onClick.set('DecoratedText', 'setOpenLink', args);
    return this;
  }

  widgetJson(path: string): Json {
    const at = `${path}.decoratedText`;
    if (this.#text === undefined) throw incomplete(at, 'a DecoratedText needs text');
    const onClick = this.#onClick.json(`${at}.onClick`);
    return {
      decoratedText: {
        ...(this.#topLabel === undefined ? {} : { topLabel: this.#topLabel }),
        text: this.#text,
        ...(this.#bottomLabel === undefined ? {} : { bottomLabel: this.#bottomLabel }),
        ...(this.#wrapText === undefined ? {} : { wrapText: this.#wrapText }),
        ...(this.#startIcon === undefined ? {} : { startIcon: this.#startIcon.json(`${at}.startIcon`) }),
        ...(this.#button === undefined ? {} : { button: this.#button.json(`${at}.button`) }),
        ...(onClick === undefined ? {} : { onClick }),
      },
    };
  }
}

class ButtonSet extends Widget {
  readonly #buttons: TextButton[] = [];

  addButton(...args: unknown[]): this {
    signature('CardService.ButtonSet', 'addButton', args, [{ double: TextButton }]);
    this.#buttons.push(args[0] as TextButton);
    return this;
  }

  widgetJson(path: string): Json {
    const at = `${path}.buttonList`;
    if (this.#buttons.length === 0) throw incomplete(at, 'a ButtonSet needs at least one button');
    return { buttonList: { buttons: this.#buttons.map((b, i) => b.json(`${at}.buttons[${i}]`)) } };
  }
}

/** Form inputs: Apps Script requires setFieldName, the key of the input in the next event. */
abstract class Input extends Widget {
  protected name: string | undefined;
  protected label: string | undefined;
  protected onChangeAction: Action | undefined;

  setFieldName(...args: unknown[]): this {
    signature(`CardService.${this.constructor.name}`, 'setFieldName', args, ['string']);
    this.name = args[0] as string;
    return this;
  }

  setTitle(...args: unknown[]): this {
    signature(`CardService.${this.constructor.name}`, 'setTitle', args, ['string']);
    this.label = args[0] as string;
    return this;
  }

  setOnChangeAction(...args: unknown[]): this {
    signature(`CardService.${this.constructor.name}`, 'setOnChangeAction', args, [{ double: Action }]);
    this.onChangeAction = args[0] as Action;
    return this;
  }

  /** name, label and onChangeAction as JSON, or the exception a missing field name raises. */
  protected common(at: string): { name: string; label?: string; onChangeAction?: Json } {
    if (this.name === undefined || this.name === '') {
      throw incomplete(at, `a ${this.constructor.name} needs setFieldName`);
    }
    return {
      name: this.name,
      ...(this.label === undefined ? {} : { label: this.label }),
      ...(this.onChangeAction === undefined
        ? {}
        : { onChangeAction: this.onChangeAction.json(`${at}.onChangeAction`) }),
    };
  }
}

class TextInput extends Input {
  #hint: string | undefined;
  #value: string | undefined;
  #multiline: boolean | undefined;

  setHint(...args: unknown[]): this {
    signature('CardService.TextInput', 'setHint', args, ['string']);
    this.#hint = args[0] as string;
    return this;
  }

  setValue(...args: unknown[]): this {
    signature('CardService.TextInput', 'setValue', args, ['string']);
    this.#value = args[0] as string;
    return this;
  }

  setMultiline(...args: unknown[]): this {
    signature('CardService.TextInput', 'setMultiline', args, ['boolean']);
    this.#multiline = args[0] as boolean;
    return this;
  }

  widgetJson(path: string): Json {
    const { name, label, onChangeAction } = this.common(`${path}.textInput`);
    return {
      textInput: {
        name,
        ...(label === undefined ? {} : { label }),
        ...(this.#hint === undefined ? {} : { hintText: this.#hint }),
        ...(this.#value === undefined ? {} : { value: this.#value }),
        ...(this.#multiline === undefined ? {} : { type: this.#multiline ? 'MULTIPLE_LINE' : 'SINGLE_LINE' }),
        ...(onChangeAction === undefined ? {} : { onChangeAction }),
      },
    };
  }
}

class SelectionInput extends Input {
  #type: EnumValue | undefined;
  readonly #items: { text: string; value: string; selected: boolean }[] = [];

  setType(...args: unknown[]): this {
    signature('CardService.SelectionInput', 'setType', args, [{ enum: 'SelectionInputType' }]);
    this.#type = args[0] as EnumValue;
    return this;
  }

  addItem(...args: unknown[]): this {
    // Apps Script takes any object for text and value and shows its string form.
    signature('CardService.SelectionInput', 'addItem', args, ['number|string', 'number|string', 'boolean']);
    const [text, value, selected] = args as [string | number, string | number, boolean];
    this.#items.push({ text: String(text), value: String(value), selected });
    return this;
  }

  widgetJson(path: string): Json {
    const { name, label, onChangeAction } = this.common(`${path}.selectionInput`);
    return {
      selectionInput: {
        name,
        ...(label === undefined ? {} : { label }),
        ...(this.#type === undefined ? {} : { type: this.#type.name }),
        items: this.#items.map((item) => ({ ...item })),
        ...(onChangeAction === undefined ? {} : { onChangeAction }),
      },
    };
  }
}

function msSinceEpoch(owner: string, args: readonly unknown[]): string {
  signature(`CardService.${owner}`, 'setValueInMsSinceEpoch', args, ['number|string']);
  const value = args[0] as number | string;
  if (typeof value === 'number' ? !Number.isSafeInteger(value) : !/^-?\d+$/.test(value)) {
    throw invalid(`valueMsEpoch (${String(value)} is not a whole number of milliseconds)`);
  }
  return String(value);
}

class DateTimePicker extends Input {
  #value: string | undefined;
  #offset: number | undefined;

  setValueInMsSinceEpoch(...args: unknown[]): this {
    this.#value = msSinceEpoch('DateTimePicker', args);
    return this;
  }

  setTimeZoneOffsetInMins(...args: unknown[]): this {
    signature('CardService.DateTimePicker', 'setTimeZoneOffsetInMins', args, ['integer']);
    this.#offset = args[0] as number;
    return this;
  }

  widgetJson(path: string): Json {
    const { name, label, onChangeAction } = this.common(`${path}.dateTimePicker`);
    return {
      dateTimePicker: {
        name,
        ...(label === undefined ? {} : { label }),
        type: 'DATE_AND_TIME',
        ...(this.#value === undefined ? {} : { valueMsEpoch: this.#value }),
        ...(this.#offset === undefined ? {} : { timezoneOffsetDate: this.#offset }),
        ...(onChangeAction === undefined ? {} : { onChangeAction }),
      },
    };
  }
}

class DatePicker extends Input {
  #value: string | undefined;

  setValueInMsSinceEpoch(...args: unknown[]): this {
    this.#value = msSinceEpoch('DatePicker', args);
    return this;
  }

  widgetJson(path: string): Json {
    const { name, label, onChangeAction } = this.common(`${path}.dateTimePicker`);
    return {
      dateTimePicker: {
        name,
        ...(label === undefined ? {} : { label }),
        type: 'DATE_ONLY',
        ...(this.#value === undefined ? {} : { valueMsEpoch: this.#value }),
        ...(onChangeAction === undefined ? {} : { onChangeAction }),
      },
    };
  }
}

/** Hours and minutes; the V1 JSON carries them as milliseconds into the day (its TIME_ONLY value). */
class TimePicker extends Input {
  #hours: number | undefined;
  #minutes: number | undefined;

  setHours(...args: unknown[]): this {
    signature('CardService.TimePicker', 'setHours', args, ['integer']);
    const hours = args[0] as number;
    if (hours < 0 || hours > 23) throw invalid(`hours (${hours} is not 0 to 23)`);
    this.#hours = hours;
    return this;
  }

  setMinutes(...args: unknown[]): this {
    signature('CardService.TimePicker', 'setMinutes', args, ['integer']);
    const minutes = args[0] as number;
    if (minutes < 0 || minutes > 59) throw invalid(`minutes (${minutes} is not 0 to 59)`);
    this.#minutes = minutes;
    return this;
  }

  widgetJson(path: string): Json {
    const { name, label, onChangeAction } = this.common(`${path}.dateTimePicker`);
    const set = this.#hours !== undefined || this.#minutes !== undefined;
    const ms = ((this.#hours ?? 0) * 60 + (this.#minutes ?? 0)) * 60_000;
    return {
      dateTimePicker: {
        name,
        ...(label === undefined ? {} : { label }),
        type: 'TIME_ONLY',
        ...(set ? { valueMsEpoch: String(ms) } : {}),
        ...(onChangeAction === undefined ? {} : { onChangeAction }),
      },
    };
  }
}

class Divider extends Widget {
  widgetJson(): Json {
    return { divider: {} };
  }
}

class CardHeader extends Double {
  #title: string | undefined;
  #subtitle: string | undefined;

  setTitle(...args: unknown[]): this {
    signature('CardService.CardHeader', 'setTitle', args, ['string']);
    this.#title = args[0] as string;
    return this;
  }

  setSubtitle(...args: unknown[]): this {
    signature('CardService.CardHeader', 'setSubtitle', args, ['string']);
    this.#subtitle = args[0] as string;
    return this;
  }

  json(path: string): Json {
    if (this.#title === undefined || this.#title === '') throw incomplete(path, 'a CardHeader needs a title');
    return { title: this.#title, ...(this.#subtitle === undefined ? {} : { subtitle: this.#subtitle }) };
  }
}

class CardSection extends Double {
  #header: string | undefined;
  #collapsible: boolean | undefined;
  #uncollapsible: number | undefined;
  readonly #widgets: Widget[] = [];

  setHeader(...args: unknown[]): this {
    signature('CardService.CardSection', 'setHeader', args, ['string']);
    this.#header = args[0] as string;
    return this;
  }

  setCollapsible(...args: unknown[]): this {
    signature('CardService.CardSection', 'setCollapsible', args, ['boolean']);
    this.#collapsible = args[0] as boolean;
    return this;
  }

  setNumUncollapsibleWidgets(...args: unknown[]): this {
    signature('CardService.CardSection', 'setNumUncollapsibleWidgets', args, ['integer']);
    const count = args[0] as number;
    if (count < 0) throw invalid(`numUncollapsibleWidgets (${count})`);
    this.#uncollapsible = count;
    return this;
  }

  addWidget(...args: unknown[]): this {
    signature('CardService.CardSection', 'addWidget', args, [{ double: Widget }]);
    this.#widgets.push(args[0] as Widget);
    return this;
  }

  json(path: string): Json {
    if (this.#widgets.length === 0) throw incomplete(path, 'a CardSection needs at least one widget');
    return {
      ...(this.#header === undefined ? {} : { header: this.#header }),
      widgets: this.#widgets.map((w, i) => w.widgetJson(`${path}.widgets[${i}]`)),
      ...(this.#collapsible === undefined ? {} : { collapsible: this.#collapsible }),
      ...(this.#uncollapsible === undefined ? {} : { uncollapsibleWidgetsCount: this.#uncollapsible }),
    };
  }
}

class FixedFooter extends Double {
  #primary: TextButton | undefined;
  #secondary: TextButton | undefined;

  setPrimaryButton(...args: unknown[]): this {
    signature('CardService.FixedFooter', 'setPrimaryButton', args, [{ double: TextButton }]);
    this.#primary = args[0] as TextButton;
    return this;
  }

  setSecondaryButton(...args: unknown[]): this {
    signature('CardService.FixedFooter', 'setSecondaryButton', args, [{ double: TextButton }]);
    this.#secondary = args[0] as TextButton;
    return this;
  }

  json(path: string): Json {
    if (this.#primary === undefined) throw incomplete(path, 'a FixedFooter needs a primary button');
    return {
      primaryButton: this.#primary.json(`${path}.primaryButton`),
      ...(this.#secondary === undefined
        ? {}
        : { secondaryButton: this.#secondary.json(`${path}.secondaryButton`) }),
    };
  }
}

/** Cards and action responses this module built, so nothing else can pass for one. */
const builtCards = new WeakSet<object>();
const builtResponses = new WeakSet<object>();

/** Apps Script's built objects print themselves as JSON; the JSON is what a test compares. */
function withPrintJson<T extends object>(json: T): T {
  Object.defineProperty(json, 'printJson', { value: () => JSON.stringify(json, null, 2), enumerable: false });
  return json;
}

class CardBuilder extends Double {
  #name: string | undefined;
  #header: CardHeader | undefined;
  #footer: FixedFooter | undefined;
  readonly #sections: CardSection[] = [];

  setName(...args: unknown[]): this {
    signature('CardService.CardBuilder', 'setName', args, ['string']);
    this.#name = args[0] as string;
    return this;
  }

  setHeader(...args: unknown[]): this {
    signature('CardService.CardBuilder', 'setHeader', args, [{ double: CardHeader }]);
    this.#header = args[0] as CardHeader;
    return this;
  }

  addSection(...args: unknown[]): this {
    signature('CardService.CardBuilder', 'addSection', args, [{ double: CardSection }]);
    this.#sections.push(args[0] as CardSection);
    return this;
  }

  setFixedFooter(...args: unknown[]): this {
    signature('CardService.CardBuilder', 'setFixedFooter', args, [{ double: FixedFooter }]);
    this.#footer = args[0] as FixedFooter;
    return this;
  }

  build(...args: unknown[]): Card {
    signature('CardService.CardBuilder', 'build', args, []);
    if (this.#sections.length === 0) throw incomplete('', 'a card needs at least one section');
    const json = {
      ...(this.#name === undefined ? {} : { name: this.#name }),
      ...(this.#header === undefined ? {} : { header: this.#header.json('header') }),
      sections: this.#sections.map((s, i) => s.json(`sections[${i}]`)),
      ...(this.#footer === undefined ? {} : { fixedFooter: this.#footer.json('fixedFooter') }),
    };
    // The JSON is built field by field above from what Apps Script requires; name and header
    // are optional to Apps Script but always set by the adapter, hence the cast to the card type.
    const card = withPrintJson(json) as unknown as Card;
    builtCards.add(card);
    return card;
  }
}

class Notification extends Double {
  #text: string | undefined;

  setText(...args: unknown[]): this {
    signature('CardService.Notification', 'setText', args, ['string']);
    this.#text = args[0] as string;
    return this;
  }

  text(): string {
    if (this.#text === undefined || this.#text === '') {
      throw new AppsScriptException('A Notification needs text.');
    }
    return this.#text;
  }
}

function builtCard(owner: string, method: string, args: readonly unknown[]): Card {
  const card = args[0];
  if (args.length !== 1 || typeof card !== 'object' || card === null || !builtCards.has(card)) {
    throw new AppsScriptException(
      `The parameters (${args.map(typeName).join(',')}) don't match the method signature for CardService.${owner}.${method}.`,
    );
  }
  return card as Card;
}

type Step = { pushCard: Card } | { updateCard: Card } | { popCard: true } | { popToRoot: true };

class Navigation extends Double {
  readonly #steps: Step[] = [];

  pushCard(...args: unknown[]): this {
    this.#steps.push({ pushCard: builtCard('Navigation', 'pushCard', args) });
    return this;
  }

  updateCard(...args: unknown[]): this {
    this.#steps.push({ updateCard: builtCard('Navigation', 'updateCard', args) });
    return this;
  }

  popCard(...args: unknown[]): this {
    signature('CardService.Navigation', 'popCard', args, []);
    this.#steps.push({ popCard: true });
    return this;
  }

  popToRoot(...args: unknown[]): this {
    signature('CardService.Navigation', 'popToRoot', args, []);
    this.#steps.push({ popToRoot: true });
    return this;
  }

  /** The steps as ActionResult's navigation: one step, or a pop then updateCard. */
  json(): NonNullable<ActionResult['navigation']> {
    const [first, second, ...rest] = this.#steps;
    if (first === undefined) throw new AppsScriptException('A Navigation needs at least one step.');
    if (second === undefined) return first;
    if ('updateCard' in second && rest.length === 0) {
      if ('popToRoot' in first) return { popToRoot: true, updateCard: second.updateCard };
      if ('popCard' in first) return { popCard: true, updateCard: second.updateCard };
    }
    throw new Error(
      `The double can express one navigation step, or popCard or popToRoot then updateCard, not ${this.#steps.map((s) => Object.keys(s)[0] ?? '').join(', ')}.`,
    );
  }
}

class ActionResponseBuilder extends Double {
  #navigation: Navigation | undefined;
  #notification: Notification | undefined;
  #openLink: OpenLink | undefined;

  setNavigation(...args: unknown[]): this {
    signature('CardService.ActionResponseBuilder', 'setNavigation', args, [{ double: Navigation }]);
    this.#navigation = args[0] as Navigation;
    return this;
  }

  setNotification(...args: unknown[]): this {
    signature('CardService.ActionResponseBuilder', 'setNotification', args, [{ double: Notification }]);
    this.#notification = args[0] as Notification;
    return this;
  }

  setOpenLink(...args: unknown[]): this {
    signature('CardService.ActionResponseBuilder', 'setOpenLink', args, [{ double: OpenLink }]);
    this.#openLink = args[0] as OpenLink;
    return this;
  }

  build(...args: unknown[]): ActionResult {
    signature('CardService.ActionResponseBuilder', 'build', args, []);
    const json = {
      ...(this.#navigation === undefined ? {} : { navigation: this.#navigation.json() }),
      ...(this.#notification === undefined ? {} : { notification: this.#notification.text() }),
      // The link's fields are typed by OpenLink.json's construction: url, openAs, onClose.
      ...(this.#openLink === undefined
        ? {}
        : { openLink: this.#openLink.json('openLink') as unknown as NonNullable<ActionResult['openLink']> }),
    };
    const response = withPrintJson(json);
    builtResponses.add(response);
    return response;
  }
}

/** Builder factories take no arguments in Apps Script either. */
function factory<T>(name: string, make: () => T): (...args: unknown[]) => T {
  return (...args) => {
    signature('CardService', name, args, []);
    return make();
  };
}

const CardService = Object.freeze({
  Icon,
  LoadIndicator,
  OnClose,
  OpenAs,
  SelectionInputType,
  TextButtonStyle,
  newAction: factory('newAction', () => new Action()),
  newActionResponseBuilder: factory('newActionResponseBuilder', () => new ActionResponseBuilder()),
  newButtonSet: factory('newButtonSet', () => new ButtonSet()),
  newCardBuilder: factory('newCardBuilder', () => new CardBuilder()),
  newCardHeader: factory('newCardHeader', () => new CardHeader()),
  newCardSection: factory('newCardSection', () => new CardSection()),
  newDatePicker: factory('newDatePicker', () => new DatePicker()),
  newDateTimePicker: factory('newDateTimePicker', () => new DateTimePicker()),
  newDecoratedText: factory('newDecoratedText', () => new DecoratedText()),
  newDivider: factory('newDivider', () => new Divider()),
  newFixedFooter: factory('newFixedFooter', () => new FixedFooter()),
  newIconImage: factory('newIconImage', () => new IconImage()),
  newNavigation: factory('newNavigation', () => new Navigation()),
  newNotification: factory('newNotification', () => new Notification()),
  newOpenLink: factory('newOpenLink', () => new OpenLink()),
  newSelectionInput: factory('newSelectionInput', () => new SelectionInput()),
  newTextButton: factory('newTextButton', () => new TextButton()),
  newTextInput: factory('newTextInput', () => new TextInput()),
  newTextParagraph: factory('newTextParagraph', () => new TextParagraph()),
  newTimePicker: factory('newTimePicker', () => new TimePicker()),
});

/** A card CardBuilder.build() returned (and not a look-alike object). */
export function isBuiltCard(value: unknown): value is Card {
  return typeof value === 'object' && value !== null && builtCards.has(value);
}

/** An ActionResponse ActionResponseBuilder.build() returned. */
export function isBuiltActionResponse(value: unknown): value is ActionResult {
  return typeof value === 'object' && value !== null && builtResponses.has(value);
}

// ---- UrlFetchApp -----------------------------------------------------------------------------

const FETCH_OPTIONS = new Set([
  'method',
  'headers',
  'payload',
  'contentType',
  'muteHttpExceptions',
  'followRedirects',
  'validateHttpsCertificates',
  'escaping',
  'useIntranet',
]);
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);

class HttpResponseDouble {
  readonly #status: number;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #body: Uint8Array;

  constructor(status: number, headers: Readonly<Record<string, string>>, body: Uint8Array) {
    this.#status = status;
    this.#headers = headers;
    this.#body = body;
  }

  getResponseCode(...args: unknown[]): number {
    signature('UrlFetchApp.HTTPResponse', 'getResponseCode', args, []);
    return this.#status;
  }

  getContentText(...args: unknown[]): string {
    if (args.length === 1) signature('UrlFetchApp.HTTPResponse', 'getContentText', args, ['string']);
    else signature('UrlFetchApp.HTTPResponse', 'getContentText', args, []);
    return new TextDecoder(args.length === 1 ? (args[0] as string) : 'utf-8').decode(this.#body);
  }

  /** Apps Script's Byte[]: Java bytes, so signed. */
  getContent(...args: unknown[]): number[] {
    signature('UrlFetchApp.HTTPResponse', 'getContent', args, []);
    return [...new Int8Array(this.#body.buffer, this.#body.byteOffset, this.#body.byteLength)];
  }

  getHeaders(...args: unknown[]): Record<string, string> {
    signature('UrlFetchApp.HTTPResponse', 'getHeaders', args, []);
    return { ...this.#headers };
  }

  getAllHeaders(...args: unknown[]): Record<string, string> {
    signature('UrlFetchApp.HTTPResponse', 'getAllHeaders', args, []);
    return { ...this.#headers };
  }
}

function stringRecord(value: unknown, what: string): Record<string, string> {
  if (!matches('object', value)) throw invalid(what);
  const entries = Object.entries(value as object) as [string, unknown][];
  for (const [key, v] of entries) {
    if (typeof v !== 'string') throw invalid(`${what}: ${key} is ${typeName(v)}, not String`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

/** scheme://host[:port] of a URL, without the URL class (as Apps Script words its errors). */
function originOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? url;
}

function urlFetchApp(
  host: AppsScriptDoubleOptions['fetch'],
  fetches: FetchRecord[],
): AppsScriptGlobals['UrlFetchApp'] {
  return Object.freeze({
    fetch(...args: unknown[]): HttpResponseDouble {
      if (args.length === 1) signature('UrlFetchApp', 'fetch', args, ['string']);
      else signature('UrlFetchApp', 'fetch', args, ['string', 'object']);
      const url = args[0] as string;
      if (!/^https?:\/\/[^/?#]+/i.test(url)) throw invalid(url);
      const params = (args[1] ?? {}) as Record<string, unknown>;
      // Stricter than Apps Script, which ignores unknown names: a misspelt option is a bug.
      const unknown = Object.keys(params).filter((key) => !FETCH_OPTIONS.has(key));
      if (unknown.length > 0) throw invalid(`UrlFetchApp options have no ${unknown.join(', ')}`);
      const method = params.method ?? 'get';
      if (typeof method !== 'string' || !METHODS.has(method.toLowerCase())) {
        throw invalid(`method ${typeof method === 'string' ? method : typeName(method)}`);
      }
      const headers = params.headers === undefined ? {} : stringRecord(params.headers, 'headers');
      const { payload, contentType } = params;
      if (payload !== undefined && typeof payload !== 'string') {
        throw new Error('The UrlFetchApp double sends string payloads only.');
      }
      if (contentType !== undefined && typeof contentType !== 'string') throw invalid('contentType');
      for (const flag of ['muteHttpExceptions', 'followRedirects', 'validateHttpsCertificates'] as const) {
        if (params[flag] !== undefined && typeof params[flag] !== 'boolean') throw invalid(flag);
      }
      if (payload !== undefined) {
        // Apps Script's default for a string payload.
        headers['Content-Type'] = contentType ?? 'application/x-www-form-urlencoded';
      }
      const record: FetchRecord = {
        method: method.toUpperCase(),
        url,
        headers,
        ...(payload === undefined ? {} : { payload }),
      };
      fetches.push(record);
      if (host === undefined) throw new AppsScriptException(`Address unavailable: ${url}`);
      const answer = host({
        ...record,
        headers: { ...headers },
        followRedirects: params.followRedirects !== false,
      });
      if (answer.kind === 'network-error') throw new AppsScriptException(answer.message);
      const response = new HttpResponseDouble(answer.status, answer.headers, answer.body);
      if (answer.status >= 400 && params.muteHttpExceptions !== true) {
        const text = response.getContentText();
        throw new AppsScriptException(
          `Request failed for ${originOf(url)} returned code ${answer.status}. Truncated server response: ${text.slice(0, 100)}${text.length > 100 ? '...' : ''} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return response;
    },
  });
}

// ---- ScriptApp, PropertiesService, GmailApp, console, Logger -------------------------------

class PropertiesDouble {
  readonly #values: Map<string, string>;

  constructor(values: Readonly<Record<string, string>>) {
    this.#values = new Map(Object.entries(values));
  }

  getProperty(...args: unknown[]): string | null {
    signature('PropertiesService.Properties', 'getProperty', args, ['string']);
    return this.#values.get(args[0] as string) ?? null;
  }

  getProperties(...args: unknown[]): Record<string, string> {
    signature('PropertiesService.Properties', 'getProperties', args, []);
    return Object.fromEntries(this.#values);
  }

  getKeys(...args: unknown[]): string[] {
    signature('PropertiesService.Properties', 'getKeys', args, []);
    return [...this.#values.keys()];
  }

  setProperty(...args: unknown[]): this {
    signature('PropertiesService.Properties', 'setProperty', args, ['string', 'string']);
    this.#values.set(args[0] as string, args[1] as string);
    return this;
  }

  deleteProperty(...args: unknown[]): this {
    signature('PropertiesService.Properties', 'deleteProperty', args, ['string']);
    this.#values.delete(args[0] as string);
    return this;
  }
}

class GmailMessageDouble {
  readonly #id: string;
  readonly #messageId: string;

  constructor(id: string, messageId: string) {
    this.#id = id;
    this.#messageId = messageId;
  }

  getId(...args: unknown[]): string {
    signature('GmailApp.GmailMessage', 'getId', args, []);
    return this.#id;
  }

  /** Only Message-ID is known; Apps Script answers "" for a header the message lacks. */
  getHeader(...args: unknown[]): string {
    signature('GmailApp.GmailMessage', 'getHeader', args, ['string']);
    return (args[0] as string).toLowerCase() === 'message-id' ? this.#messageId : '';
  }
}

function gmailApp(options: AppsScriptDoubleOptions): AppsScriptGlobals['GmailApp'] {
  let token: string | undefined;
  return Object.freeze({
    setCurrentMessageAccessToken(...args: unknown[]): void {
      signature('GmailApp', 'setCurrentMessageAccessToken', args, ['string']);
      token = args[0] as string;
    },
    getMessageById(...args: unknown[]): GmailMessageDouble {
      signature('GmailApp', 'getMessageById', args, ['string']);
      // With only the add-on's current-message scope, Gmail needs the event's access token first.
      if (token === undefined) {
        throw new AppsScriptException(
          'Missing access token for authorization. Request: MailboxService.GetMessage.',
        );
      }
      const expected = options.currentMessageAccessToken;
      if (expected !== undefined && token !== expected) {
        throw new AppsScriptException('Access denied: the access token is not the open message’s.');
      }
      const id = args[0] as string;
      const header = options.messageIdHeaders?.[id];
      if (header === undefined) throw invalid(`id ${id}`);
      return new GmailMessageDouble(id, header);
    },
  });
}

/** console.log's rendering: strings as they are, anything else as JSON. */
function logLine(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a;
      if (typeof a === 'object' && a !== null && 'stack' in a && typeof a.stack === 'string') return a.stack;
      // JSON.stringify gives undefined (typed string) for undefined and functions.
      const json = JSON.stringify(a) as string | undefined;
      return json ?? String(a);
    })
    .join(' ');
}

export function createAppsScriptDoubles(options: AppsScriptDoubleOptions = {}): AppsScriptDoubles {
  const fetches: FetchRecord[] = [];
  const logs: string[] = [];
  const properties = new PropertiesDouble(options.scriptProperties ?? {});
  const level =
    (prefix: string) =>
    (...args: unknown[]): void => {
      logs.push(`${prefix}${logLine(args)}`);
    };
  const globals: AppsScriptGlobals = {
    CardService,
    UrlFetchApp: urlFetchApp(options.fetch, fetches),
    ScriptApp: Object.freeze({
      getIdentityToken(...args: unknown[]): string | null {
        signature('ScriptApp', 'getIdentityToken', args, []);
        return options.identityToken ?? null;
      },
    }),
    PropertiesService: Object.freeze({
      getScriptProperties(...args: unknown[]): PropertiesDouble {
        signature('PropertiesService', 'getScriptProperties', args, []);
        return properties;
      },
    }),
    GmailApp: gmailApp(options),
    console: Object.freeze({
      log: level(''),
      info: level(''),
      warn: level('WARNING: '),
      error: level('ERROR: '),
    }),
    Logger: Object.freeze({
      // Logger.log(format, values…) replaces each %s in turn.
      log(...args: unknown[]): unknown {
        const [first, ...rest] = args;
        const line =
          typeof first === 'string' && rest.length > 0
            ? first.replace(/%s/g, () => logLine([rest.shift()]))
            : logLine(args);
        logs.push(line);
        return globals.Logger;
      },
    }),
  };
  return { globals, fetches, logs };
}
