// Small builders for the widgets every card uses, and the names of the actions the cards call.
// Each action name is a top-level function of the bundle (index.ts exports it).
import type { FieldProblem } from '../api-types';
import type { Button, OnClick, SelectionItem, Widget } from './card-json';
import { RED, coloured, esc } from './words';

export const ACTIONS = {
  showHomepage: 'showHomepage',
  showBookingForm: 'showBookingForm',
  changeBookingForm: 'changeBookingForm',
  previewBooking: 'previewBooking',
  confirmBooking: 'confirmBooking',
  showConference: 'showConference',
  sendRemindersNow: 'sendRemindersNow',
  showReschedule: 'showReschedule',
  rescheduleConference: 'rescheduleConference',
  showCancel: 'showCancel',
  cancelConference: 'cancelConference',
  showOutcomeForm: 'showOutcomeForm',
  submitOutcome: 'submitOutcome',
  markRecordSent: 'markRecordSent',
  showHeldReports: 'showHeldReports',
  showAutomaticEmails: 'showAutomaticEmails',
  showReport: 'showReport',
  fileReport: 'fileReport',
  dismissReport: 'dismissReport',
} as const;

export type ActionName = (typeof ACTIONS)[keyof typeof ACTIONS];

export function run(fn: ActionName, parameters: Readonly<Record<string, string>> = {}): OnClick {
  const list = Object.entries(parameters).map(([key, value]) => ({ key, value }));
  return {
    action: { function: fn, ...(list.length === 0 ? {} : { parameters: list }), loadIndicator: 'SPINNER' },
  };
}

export function button(
  text: string,
  fn: ActionName,
  parameters: Readonly<Record<string, string>> = {},
  type: Button['type'] = 'OUTLINED',
): Button {
  return { text, onClick: run(fn, parameters), type };
}

export function linkButton(text: string, url: string): Button {
  return { text, onClick: { openLink: { url, openAs: 'FULL_SIZE', onClose: 'NOTHING' } }, type: 'OUTLINED' };
}

export function buttons(...list: Button[]): Widget {
  return { buttonList: { buttons: list } };
}

export function paragraph(text: string): Widget {
  return { textParagraph: { text } };
}

export function fact(topLabel: string, text: string, bottomLabel?: string, onClick?: OnClick): Widget {
  return {
    decoratedText: {
      topLabel,
      text,
      wrapText: true,
      ...(bottomLabel === undefined || bottomLabel === '' ? {} : { bottomLabel }),
      ...(onClick === undefined ? {} : { onClick }),
    },
  };
}

/** The service's problems with one field, shown right under it. */
export function problemsFor(problems: readonly FieldProblem[], name: string): Widget[] {
  return problems.filter((p) => p.field === name).map((p) => paragraph(coloured(RED, `⚠ ${esc(p.message)}`)));
}

export function textField(
  name: string,
  label: string,
  value: string,
  problems: readonly FieldProblem[],
  options: { hint?: string; multiline?: boolean } = {},
): Widget[] {
  return [
    {
      textInput: {
        name,
        label,
        ...(value === '' ? {} : { value }),
        ...(options.hint === undefined ? {} : { hintText: options.hint }),
        ...(options.multiline === true ? { type: 'MULTIPLE_LINE' as const } : {}),
      },
    },
    ...problemsFor(problems, name),
  ];
}

export function choice(
  name: string,
  label: string,
  items: readonly { text: string; value: string }[],
  selected: string,
  problems: readonly FieldProblem[],
  options: { type?: 'DROPDOWN' | 'RADIO_BUTTON'; onChange?: OnClick } = {},
): Widget[] {
  const list: SelectionItem[] = items.map((i) => ({ ...i, selected: i.value === selected }));
  const onChange = options.onChange;
  return [
    {
      selectionInput: {
        name,
        label,
        type: options.type ?? 'DROPDOWN',
        items: list,
        ...(onChange !== undefined && 'action' in onChange ? { onChangeAction: onChange.action } : {}),
      },
    },
    ...problemsFor(problems, name),
  ];
}

export function checkboxes(
  name: string,
  label: string,
  items: readonly { text: string; value: string }[],
  selected: readonly string[],
  problems: readonly FieldProblem[],
): Widget[] {
  return [
    {
      selectionInput: {
        name,
        label,
        type: 'CHECK_BOX',
        items: items.map((i) => ({ ...i, selected: selected.includes(i.value) })),
      },
    },
    ...problemsFor(problems, name),
  ];
}

/** A yes/no switch whose value is "yes" when on. */
export function toggle(name: string, label: string, on: boolean): Widget {
  return {
    selectionInput: { name, label, type: 'SWITCH', items: [{ text: label, value: 'yes', selected: on }] },
  };
}

/** A picker showing the council's wall-clock digits as UTC (see form-inputs.ts). */
export function picker(
  name: string,
  label: string,
  type: 'DATE_AND_TIME' | 'DATE_ONLY',
  valueMs: string | undefined,
  problems: readonly FieldProblem[],
): Widget[] {
  return [
    {
      dateTimePicker: {
        name,
        label,
        type,
        timezoneOffsetDate: 0,
        ...(valueMs === undefined ? {} : { valueMsEpoch: valueMs }),
      },
    },
    ...problemsFor(problems, name),
  ];
}

/** The form field a widget is, if it is one. */
export function inputName(widget: Widget): string | undefined {
  if ('textInput' in widget) return widget.textInput.name;
  if ('selectionInput' in widget) return widget.selectionInput.name;
  if ('dateTimePicker' in widget) return widget.dateTimePicker.name;
  return undefined;
}

/** Problems the form has no field for among `shown`, for its top, so none is lost. */
export function otherProblems(problems: readonly FieldProblem[], shown: readonly Widget[]): Widget[] {
  const names = new Set(shown.map(inputName));
  return problems
    .filter((p) => !names.has(p.field))
    .map((p) =>
      paragraph(coloured(RED, `⚠ ${esc(p.field === '(body)' ? p.message : `${p.field}: ${p.message}`)}`)),
    );
}
