// Drives the add-on as a person in the sidebar would: read the card on screen, fill in fields,
// press a button. Google sends every input on the card with an action, as its current value
// (what the card was drawn with, unless the person changed it), plus the button's parameters;
// that is what `press` sends. Every card that comes back is checked against Google's card
// schema, every action it names must be a top-level function of the bundle, and, when
// ADDON_RECORD_DIR is set, named screens are written there for the preview.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionResult, Button, Card, OnClick, Widget } from '../../addon/src/cards/card-json';
import type { AddonEvent, StringInputs } from '../../addon/src/event';
import type { AddonCall, AddonOutcome, AddonVm } from './addon-vm';
import { cardProblems } from './card-schema';

export type FieldValue =
  string | readonly string[] | { readonly dateTime: string } | { readonly date: string };

/** Every bundle function any Sidebar has called in this test file, for a coverage check. */
export const called = new Set<string>();

export class Sidebar {
  private stack: Card[] = [];
  notification: string | undefined;
  readonly fetches: { method: string; url: string }[] = [];

  constructor(
    private readonly vm: AddonVm,
    readonly user: AddonCall,
    private readonly host: {
      hostApp: string;
      calendar?: AddonEvent['calendar'];
      gmail?: AddonEvent['gmail'];
    } = {
      hostApp: 'CALENDAR',
    },
  ) {}

  get card(): Card {
    const top = this.stack.at(-1);
    if (top === undefined) throw new Error('the sidebar shows no card');
    return top;
  }

  get depth(): number {
    return this.stack.length;
  }

  /** Runs a trigger (homepage, event open, message open): its cards replace the sidebar's. */
  async open(trigger: string, context: Partial<AddonEvent> = {}): Promise<Card> {
    const outcome = await this.run(trigger, {
      commonEventObject: { hostApp: this.host.hostApp },
      ...context,
    });
    if (outcome.kind !== 'cards') throw new Error(`${trigger} returned ${describe(outcome)}`);
    this.stack = [...outcome.cards];
    this.notification = undefined;
    return this.card;
  }

  /** Presses the button (or clickable row) whose text contains `text`, with `values` typed first. */
  async press(text: string, values: Readonly<Record<string, FieldValue>> = {}): Promise<ActionResult> {
    const onClick = findClick(this.card, text);
    if (!('action' in onClick)) throw new Error(`"${text}" opens a link, it runs no action`);
    const inputs = formInputs(this.card, values);
    const parameters = Object.fromEntries((onClick.action.parameters ?? []).map((p) => [p.key, p.value]));
    const outcome = await this.run(onClick.action.function, {
      commonEventObject: { hostApp: this.host.hostApp, formInputs: inputs, parameters },
      ...(this.host.calendar === undefined ? {} : { calendar: this.host.calendar }),
      ...(this.host.gmail === undefined ? {} : { gmail: this.host.gmail }),
    });
    if (outcome.kind !== 'action')
      throw new Error(`${onClick.action.function} returned ${describe(outcome)}`);
    this.apply(outcome.response);
    return outcome.response;
  }

  /** The URL a link button opens. */
  link(text: string): string {
    const onClick = findClick(this.card, text);
    if (!('openLink' in onClick)) throw new Error(`"${text}" runs an action, it opens no link`);
    return onClick.openLink.url;
  }

  private apply(response: ActionResult): void {
    this.notification = response.notification;
    const nav = response.navigation;
    if (nav === undefined) return;
    if ('pushCard' in nav) this.stack.push(nav.pushCard);
    else if ('popToRoot' in nav) {
      this.stack = this.stack.slice(0, 1);
      if (nav.updateCard !== undefined) this.stack[0] = nav.updateCard;
    } else if ('popCard' in nav) {
      this.stack.pop();
      if (nav.updateCard !== undefined) this.stack[this.stack.length - 1] = nav.updateCard;
    } else this.stack[this.stack.length - 1] = nav.updateCard;
  }

  private async run(fn: string, event: AddonEvent): Promise<AddonOutcome> {
    if (!this.vm.functions.includes(fn)) throw new Error(`${fn} is not a top-level function of the bundle`);
    called.add(fn);
    const { outcome, fetches } = await this.vm.call(fn, event, this.user);
    this.fetches.push(...fetches.map((f) => ({ method: f.method, url: f.url })));
    const cards =
      outcome.kind === 'cards' ? outcome.cards : outcome.kind === 'action' ? cardsOf(outcome.response) : [];
    for (const card of cards) {
      const problems = cardProblems(card);
      if (problems.length > 0) throw new Error(`${fn} drew an invalid card:\n${problems.join('\n')}`);
      for (const name of actionsIn(card)) {
        if (!this.vm.functions.includes(name))
          throw new Error(`card ${card.name} names ${name}, not in the bundle`);
      }
    }
    return outcome;
  }
}

function describe(outcome: AddonOutcome): string {
  return outcome.kind === 'thrown' ? `an exception: ${outcome.message}` : outcome.kind;
}

export function cardsOf(response: ActionResult): Card[] {
  const nav = response.navigation;
  if (nav === undefined) return [];
  if ('pushCard' in nav) return [nav.pushCard];
  if ('updateCard' in nav) return [nav.updateCard];
  return [];
}

export function widgetsOf(card: Card): Widget[] {
  return card.sections.flatMap((s) => s.widgets);
}

function clicks(widget: Widget): { label: string; onClick: OnClick }[] {
  const ofButton = (b: Button): { label: string; onClick: OnClick } => ({
    label: b.text,
    onClick: b.onClick,
  });
  if ('buttonList' in widget) return widget.buttonList.buttons.map(ofButton);
  if ('decoratedText' in widget) {
    const d = widget.decoratedText;
    return [
      ...(d.onClick === undefined ? [] : [{ label: `${d.topLabel ?? ''} ${d.text}`, onClick: d.onClick }]),
      ...(d.button === undefined ? [] : [ofButton(d.button)]),
    ];
  }
  if ('selectionInput' in widget && widget.selectionInput.onChangeAction !== undefined) {
    return [
      {
        label: `change ${widget.selectionInput.name}`,
        onClick: { action: widget.selectionInput.onChangeAction },
      },
    ];
  }
  return [];
}

function allClicks(card: Card): { label: string; onClick: OnClick }[] {
  const footer = card.fixedFooter;
  return [
    ...widgetsOf(card).flatMap(clicks),
    ...(footer === undefined
      ? []
      : [footer.primaryButton, ...(footer.secondaryButton === undefined ? [] : [footer.secondaryButton])].map(
          (b) => ({
            label: b.text,
            onClick: b.onClick,
          }),
        )),
  ];
}

export function actionsIn(card: Card): string[] {
  return allClicks(card).flatMap((c) => ('action' in c.onClick ? [c.onClick.action.function] : []));
}

function findClick(card: Card, text: string): OnClick {
  const found = allClicks(card).filter((c) => c.label.includes(text));
  if (found.length !== 1) {
    throw new Error(
      `${found.length} buttons match "${text}" on ${card.name}: ${allClicks(card)
        .map((c) => c.label)
        .join(' | ')}`,
    );
  }
  return (found[0] as { onClick: OnClick }).onClick;
}

/** Every input on the card as Google sends it: current values, with `values` typed over them. */
export function formInputs(
  card: Card,
  values: Readonly<Record<string, FieldValue>> = {},
): Record<string, StringInputs> {
  const out = new Map<string, StringInputs>();
  const names = new Set<string>();
  for (const w of widgetsOf(card)) {
    if ('textInput' in w) {
      names.add(w.textInput.name);
      if (w.textInput.value !== undefined)
        out.set(w.textInput.name, { stringInputs: { value: [w.textInput.value] } });
    } else if ('selectionInput' in w) {
      names.add(w.selectionInput.name);
      const chosen = w.selectionInput.items.filter((i) => i.selected).map((i) => i.value);
      if (chosen.length > 0) out.set(w.selectionInput.name, { stringInputs: { value: chosen } });
    } else if ('dateTimePicker' in w) {
      const p = w.dateTimePicker;
      names.add(p.name);
      if (p.valueMsEpoch !== undefined) {
        const ms = Number(p.valueMsEpoch);
        out.set(
          p.name,
          p.type === 'DATE_ONLY'
            ? { dateInput: { msSinceEpoch: ms } }
            : { dateTimeInput: { msSinceEpoch: ms, hasDate: true, hasTime: true } },
        );
      }
    }
  }
  for (const [name, value] of Object.entries(values)) {
    if (!names.has(name)) throw new Error(`${card.name} has no field ${name}: ${[...names].join(', ')}`);
    if (typeof value === 'string') {
      if (value === '') out.delete(name);
      else out.set(name, { stringInputs: { value: [value] } });
    } else if (Array.isArray(value)) out.set(name, { stringInputs: { value: [...(value as string[])] } });
    else if ('dateTime' in value) {
      out.set(name, {
        dateTimeInput: { msSinceEpoch: Date.parse(`${value.dateTime}:00Z`), hasDate: true, hasTime: true },
      });
    } else if ('date' in value) {
      out.set(name, { dateInput: { msSinceEpoch: Date.parse(`${value.date}T00:00:00Z`) } });
    }
  }
  return Object.fromEntries(out);
}

/** The problem shown right under the input named `name`, if any. */
export function problemUnder(card: Card, name: string): string | undefined {
  const list = widgetsOf(card);
  const at = list.findIndex(
    (w) =>
      ('textInput' in w && w.textInput.name === name) ||
      ('selectionInput' in w && w.selectionInput.name === name) ||
      ('dateTimePicker' in w && w.dateTimePicker.name === name),
  );
  if (at < 0) throw new Error(`${card.name} has no field ${name}`);
  const next = list[at + 1];
  return next !== undefined && 'textParagraph' in next && next.textParagraph.text.includes('⚠')
    ? next.textParagraph.text
    : undefined;
}

/** All the card's text, for assertions about what a person sees. */
export function textOf(part: Card | Card['sections'][number] | undefined): string {
  return part === undefined ? '' : JSON.stringify(part);
}

/** Writes a named screen for the preview when ADDON_RECORD_DIR is set. */
export function record(name: string, title: string, card: Card, notification?: string): void {
  const dir = process.env.ADDON_RECORD_DIR;
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ name, title, card, ...(notification === undefined ? {} : { notification }) }, null, 2)}\n`,
  );
}
