// The one adapter from card JSON (cards/card-json.ts) to Apps Script's CardService builders.
// It decides nothing: every field maps to one builder call, so a card that round-trips through
// a CardService double unchanged proves the mapping. What CardService cannot express is refused
// here with a message naming the field, rather than dropped, so a card never shows less than
// its JSON (and its preview) says.
import type {
  Action,
  ActionResult,
  Button,
  Card,
  DateTimePicker,
  DecoratedText,
  Icon,
  OnClick,
  OpenLink,
  Section,
  SelectionInput,
  TextInput,
  Widget,
} from '../cards/card-json';

type CardServiceCard = GoogleAppsScript.Card_Service.Card;

const DAY_MS = 86_400_000;

export function toCard(card: Card): CardServiceCard {
  const builder = CardService.newCardBuilder().setName(card.name).setHeader(header(card));
  for (const section of card.sections) builder.addSection(toSection(section));
  if (card.fixedFooter !== undefined) {
    const footer = CardService.newFixedFooter().setPrimaryButton(textButton(card.fixedFooter.primaryButton));
    if (card.fixedFooter.secondaryButton !== undefined) {
      footer.setSecondaryButton(textButton(card.fixedFooter.secondaryButton));
    }
    builder.setFixedFooter(footer);
  }
  return builder.build();
}

export function toActionResponse(result: ActionResult): GoogleAppsScript.Card_Service.ActionResponse {
  const builder = CardService.newActionResponseBuilder();
  const { navigation } = result;
  if (navigation !== undefined) {
    const nav = CardService.newNavigation();
    // The two variants that may also carry updateCard come first.
    if ('popToRoot' in navigation || 'popCard' in navigation) {
      if ('popToRoot' in navigation) nav.popToRoot();
      else nav.popCard();
      if (navigation.updateCard !== undefined) nav.updateCard(toCard(navigation.updateCard));
    } else if ('pushCard' in navigation) nav.pushCard(toCard(navigation.pushCard));
    else nav.updateCard(toCard(navigation.updateCard));
    builder.setNavigation(nav);
  }
  if (result.notification !== undefined) {
    builder.setNotification(CardService.newNotification().setText(result.notification));
  }
  if (result.openLink !== undefined) builder.setOpenLink(openLink(result.openLink));
  return builder.build();
}

function header(card: Card): GoogleAppsScript.Card_Service.CardHeader {
  const h = CardService.newCardHeader().setTitle(card.header.title);
  if (card.header.subtitle !== undefined) h.setSubtitle(card.header.subtitle);
  return h;
}

function toSection(section: Section): GoogleAppsScript.Card_Service.CardSection {
  const s = CardService.newCardSection();
  if (section.header !== undefined) s.setHeader(section.header);
  if (section.collapsible !== undefined) s.setCollapsible(section.collapsible);
  if (section.uncollapsibleWidgetsCount !== undefined) {
    s.setNumUncollapsibleWidgets(section.uncollapsibleWidgetsCount);
  }
  for (const w of section.widgets) s.addWidget(widget(w));
  return s;
}

function widget(w: Widget): GoogleAppsScript.Card_Service.Widget {
  if ('textParagraph' in w) return CardService.newTextParagraph().setText(w.textParagraph.text);
  if ('decoratedText' in w) return decoratedText(w.decoratedText);
  if ('buttonList' in w) {
    const set = CardService.newButtonSet();
    for (const b of w.buttonList.buttons) set.addButton(textButton(b));
    return set;
  }
  if ('textInput' in w) return textInput(w.textInput);
  if ('selectionInput' in w) return selectionInput(w.selectionInput);
  if ('dateTimePicker' in w) return dateTimePicker(w.dateTimePicker);
  if ('divider' in w) return CardService.newDivider();
  const unknown: never = w;
  throw new Error(`Unknown widget: ${JSON.stringify(unknown)}`);
}

function decoratedText(d: DecoratedText): GoogleAppsScript.Card_Service.DecoratedText {
  const t = CardService.newDecoratedText().setText(d.text);
  if (d.topLabel !== undefined) t.setTopLabel(d.topLabel);
  if (d.bottomLabel !== undefined) t.setBottomLabel(d.bottomLabel);
  if (d.wrapText !== undefined) t.setWrapText(d.wrapText);
  if (d.startIcon !== undefined) t.setStartIcon(iconImage(d.startIcon));
  if (d.button !== undefined) t.setButton(textButton(d.button));
  if (d.onClick !== undefined) {
    if ('action' in d.onClick) t.setOnClickAction(action(d.onClick.action));
    else t.setOpenLink(openLink(d.onClick.openLink));
  }
  return t;
}

function iconImage(icon: Icon): GoogleAppsScript.Card_Service.IconImage {
  const image = CardService.newIconImage();
  if (icon.knownIcon !== undefined) image.setIcon(CardService.Icon[icon.knownIcon]);
  if (icon.altText !== undefined) image.setAltText(icon.altText);
  return image;
}

function textButton(button: Button): GoogleAppsScript.Card_Service.TextButton {
  const b = CardService.newTextButton().setText(button.text);
  onClick(b, button.onClick);
  if (button.disabled !== undefined) b.setDisabled(button.disabled);
  if (button.type !== undefined) b.setTextButtonStyle(CardService.TextButtonStyle[button.type]);
  return b;
}

function onClick(b: GoogleAppsScript.Card_Service.TextButton, click: OnClick): void {
  if ('action' in click) b.setOnClickAction(action(click.action));
  else b.setOpenLink(openLink(click.openLink));
}

function action(a: Action): GoogleAppsScript.Card_Service.Action {
  const built = CardService.newAction().setFunctionName(a.function);
  if (a.parameters !== undefined) {
    // setParameters takes a map, so a repeated key would silently lose a value.
    const keys = new Set(a.parameters.map((p) => p.key));
    if (keys.size !== a.parameters.length) {
      throw new Error(`Action ${a.function} repeats a parameter key: each key may appear once.`);
    }
    built.setParameters(Object.fromEntries(a.parameters.map((p) => [p.key, p.value])));
  }
  if (a.loadIndicator !== undefined) built.setLoadIndicator(CardService.LoadIndicator[a.loadIndicator]);
  return built;
}

// The JSON's RELOAD is CardService's RELOAD (same name, same blocking-overlay behaviour);
// RELOAD_ADD_ON is the deprecated variant that does not block the card under an overlay.
const ON_CLOSE: Record<
  NonNullable<OpenLink['onClose']>,
  keyof typeof GoogleAppsScript.Card_Service.OnClose
> = {
  NOTHING: 'NOTHING',
  RELOAD: 'RELOAD',
};

function openLink(link: OpenLink): GoogleAppsScript.Card_Service.OpenLink {
  const l = CardService.newOpenLink().setUrl(link.url);
  if (link.openAs !== undefined) l.setOpenAs(CardService.OpenAs[link.openAs]);
  if (link.onClose !== undefined) l.setOnClose(CardService.OnClose[ON_CLOSE[link.onClose]]);
  return l;
}

function textInput(input: TextInput): GoogleAppsScript.Card_Service.TextInput {
  const t = CardService.newTextInput().setFieldName(input.name).setTitle(input.label);
  if (input.hintText !== undefined) t.setHint(input.hintText);
  if (input.value !== undefined) t.setValue(input.value);
  if (input.type !== undefined) t.setMultiline(input.type === 'MULTIPLE_LINE');
  return t;
}

function selectionInput(input: SelectionInput): GoogleAppsScript.Card_Service.SelectionInput {
  const s = CardService.newSelectionInput()
    .setFieldName(input.name)
    .setTitle(input.label)
    .setType(CardService.SelectionInputType[input.type]);
  for (const item of input.items) s.addItem(item.text, item.value, item.selected);
  if (input.onChangeAction !== undefined) s.setOnChangeAction(action(input.onChangeAction));
  return s;
}

// CardService has three picker builders and only the date-and-time one takes a time zone. The
// date picker's value is a UTC midnight and the time picker's is hours and minutes (the JSON's
// milliseconds into the day), both shown as they are: an offset of 0 says exactly that, so it
// is the one offset those two accept.
function dateTimePicker(p: DateTimePicker): GoogleAppsScript.Card_Service.Widget {
  if (p.type !== 'DATE_AND_TIME' && p.timezoneOffsetDate !== undefined && p.timezoneOffsetDate !== 0) {
    throw new Error(
      `Picker ${p.name}: CardService's ${p.type} picker has no time zone, so its timezoneOffsetDate must be 0 or absent, not ${p.timezoneOffsetDate}.`,
    );
  }
  switch (p.type) {
    case 'DATE_AND_TIME': {
      const picker = CardService.newDateTimePicker().setFieldName(p.name).setTitle(p.label);
      if (p.valueMsEpoch !== undefined) picker.setValueInMsSinceEpoch(p.valueMsEpoch);
      if (p.timezoneOffsetDate !== undefined) picker.setTimeZoneOffsetInMins(p.timezoneOffsetDate);
      return picker;
    }
    case 'DATE_ONLY': {
      const picker = CardService.newDatePicker().setFieldName(p.name).setTitle(p.label);
      if (p.valueMsEpoch !== undefined) picker.setValueInMsSinceEpoch(p.valueMsEpoch);
      return picker;
    }
    case 'TIME_ONLY': {
      const picker = CardService.newTimePicker().setFieldName(p.name).setTitle(p.label);
      if (p.valueMsEpoch !== undefined) {
        const ms = Number(p.valueMsEpoch);
        if (!Number.isInteger(ms) || ms < 0 || ms >= DAY_MS || ms % 60_000 !== 0) {
          throw new Error(
            `Picker ${p.name}: a TIME_ONLY valueMsEpoch is whole minutes into the day (0 to 86340000), not ${p.valueMsEpoch}.`,
          );
        }
        picker.setHours(Math.floor(ms / 3_600_000)).setMinutes((ms % 3_600_000) / 60_000);
      }
      return picker;
    }
  }
}
