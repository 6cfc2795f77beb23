// Cards as JSON, in the shape of Google's card schema (GoogleAppsCardV1* in the Chat API's
// discovery document, which Workspace add-ons share). The card functions return these plain
// objects so they can be tested and previewed without Apps Script; one adapter
// (apps-script/card-service.ts) turns them into CardService builders. Only the parts of the
// schema the add-on uses are typed here.

export interface ActionParameter {
  readonly key: string;
  readonly value: string;
}

/** Runs a top-level function of the bundle (it must be exported from index.ts). */
export interface Action {
  readonly function: string;
  readonly parameters?: readonly ActionParameter[];
  readonly loadIndicator?: 'SPINNER' | 'NONE';
}

export interface OpenLink {
  readonly url: string;
  readonly openAs?: 'FULL_SIZE' | 'OVERLAY';
  readonly onClose?: 'NOTHING' | 'RELOAD';
}

export type OnClick = { readonly action: Action } | { readonly openLink: OpenLink };

export interface Button {
  readonly text: string;
  readonly onClick: OnClick;
  readonly disabled?: boolean;
  /** FILLED for the one thing the card is for; OUTLINED otherwise. */
  readonly type?: 'FILLED' | 'OUTLINED' | 'BORDERLESS' | 'FILLED_TONAL';
}

export interface Icon {
  readonly knownIcon?:
    | 'CLOCK'
    | 'EMAIL'
    | 'PERSON'
    | 'MULTIPLE_PEOPLE'
    | 'DESCRIPTION'
    | 'EVENT_SEAT'
    | 'BOOKMARK'
    | 'STAR'
    | 'INVITE'
    | 'MAP_PIN'
    | 'VIDEO_CAMERA';
  readonly altText?: string;
}

export interface DecoratedText {
  readonly topLabel?: string;
  /** Card text accepts a small HTML subset (<b>, <i>, <font color>, <br>): escape what people typed. */
  readonly text: string;
  readonly bottomLabel?: string;
  readonly wrapText?: boolean;
  readonly startIcon?: Icon;
  readonly button?: Button;
  readonly onClick?: OnClick;
}

export interface TextInput {
  readonly name: string;
  readonly label: string;
  readonly hintText?: string;
  readonly value?: string;
  readonly type?: 'SINGLE_LINE' | 'MULTIPLE_LINE';
}

export interface SelectionItem {
  readonly text: string;
  readonly value: string;
  readonly selected: boolean;
}

export interface SelectionInput {
  readonly name: string;
  readonly label: string;
  readonly type: 'DROPDOWN' | 'RADIO_BUTTON' | 'CHECK_BOX' | 'SWITCH';
  readonly items: readonly SelectionItem[];
  /** Re-renders the form when the choice changes (e.g. the conference type's dates). */
  readonly onChangeAction?: Action;
}

export interface DateTimePicker {
  readonly name: string;
  readonly label: string;
  readonly type: 'DATE_AND_TIME' | 'DATE_ONLY' | 'TIME_ONLY';
  /** Milliseconds since the epoch, as a decimal string (the schema's int64). */
  readonly valueMsEpoch?: string;
  /** Minutes east of UTC the picker shows its value in. */
  readonly timezoneOffsetDate?: number;
}

export type Widget =
  | { readonly textParagraph: { readonly text: string } }
  | { readonly decoratedText: DecoratedText }
  | { readonly buttonList: { readonly buttons: readonly Button[] } }
  | { readonly textInput: TextInput }
  | { readonly selectionInput: SelectionInput }
  | { readonly dateTimePicker: DateTimePicker }
  | { readonly divider: Record<string, never> };

export interface Section {
  readonly header?: string;
  readonly widgets: readonly Widget[];
  readonly collapsible?: boolean;
  /** With collapsible: how many widgets show before "Show more". */
  readonly uncollapsibleWidgetsCount?: number;
}

export interface CardHeader {
  readonly title: string;
  readonly subtitle?: string;
}

export interface CardFixedFooter {
  readonly primaryButton: Button;
  readonly secondaryButton?: Button;
}

export interface Card {
  /** Names the card in the navigation stack (popToNamedCard); also the preview's file name. */
  readonly name: string;
  readonly header: CardHeader;
  readonly sections: readonly Section[];
  readonly fixedFooter?: CardFixedFooter;
}

/** What an action returns: how the sidebar changes and what the user is told. */
export interface ActionResult {
  readonly navigation?:
    | { readonly pushCard: Card }
    | { readonly updateCard: Card }
    | { readonly popCard: true; readonly updateCard?: Card }
    | { readonly popToRoot: true; readonly updateCard?: Card };
  /** A short message in the notification bar: what happened or what to do next. */
  readonly notification?: string;
  readonly openLink?: OpenLink;
}
