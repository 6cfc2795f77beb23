// A card that only says something: a problem with what to do about it, or a setup step. A
// trigger must return a card, so this is how a trigger reports an error (actions use a
// notification instead). It never carries a stack trace or a technical message.
import type { Card } from './card-json';
import { ACTIONS, button, buttons, paragraph, type ActionName } from './widgets';
import { esc } from './words';

export function messageCard(
  title: string,
  message: string,
  retry: { text: string; fn: ActionName; parameters?: Record<string, string> } | null = {
    text: 'Try again',
    fn: ACTIONS.showHomepage,
  },
): Card {
  return {
    name: 'message',
    header: { title: 'Conference Desk', subtitle: title },
    sections: [
      {
        widgets: [
          paragraph(esc(message)),
          ...(retry === null
            ? []
            : [buttons(button(retry.text, retry.fn, retry.parameters ?? {}, 'FILLED'))]),
        ],
      },
    ],
  };
}
