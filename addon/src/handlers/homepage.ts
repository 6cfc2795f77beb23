// The homepage (Calendar and Gmail) and the lists of held reports and automatic emails it links to.
import type { AutomaticList, Overview, Report } from '../api-types';
import { automaticListCard } from '../cards/automatic';
import type { ActionResult, Card } from '../cards/card-json';
import { homepageCard } from '../cards/homepage';
import { heldListCard } from '../cards/report';
import type { AddonEvent } from '../event';
import type { Platform } from '../platform';
import { action, trigger, type Context } from './context';

export const WEEKS = 4;

export function homepage(ctx: Context): Card {
  const overview = ctx.client.get<Overview>('/overview', { days: String(WEEKS * 7) });
  return homepageCard(overview, WEEKS);
}

export function handleOnHomepage(e: AddonEvent, platform: Platform): Card[] {
  return trigger('onHomepage', e, platform, homepage);
}

export function handleShowHomepage(e: AddonEvent, platform: Platform): ActionResult {
  return action('showHomepage', e, platform, (ctx) => ({
    navigation: { popToRoot: true, updateCard: homepage(ctx) },
  }));
}

export function handleShowHeldReports(e: AddonEvent, platform: Platform): ActionResult {
  return action('showHeldReports', e, platform, (ctx) => {
    const { held } = ctx.client.get<{ held: Report[] }>('/unmatched');
    return { navigation: { pushCard: heldListCard(held) } };
  });
}

export function handleShowAutomaticEmails(e: AddonEvent, platform: Platform): ActionResult {
  return action('showAutomaticEmails', e, platform, (ctx) => {
    const list = ctx.client.get<AutomaticList>('/automatic');
    return { navigation: { pushCard: automaticListCard(list) } };
  });
}
