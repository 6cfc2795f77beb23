// Draws recorded card JSON as a static HTML page that looks like the Workspace add-on sidebar,
// so reviewers can see a screen without deploying the add-on. It approximates Google's renderer
// (Material 3 look, ~320 px panel); it is not pixel-exact and is not what users see.
//
// Pure: no I/O, no clock, no locale. Card text comes from people (reports, agency names), so
// every string is escaped; only the small HTML subset Google allows in card text is kept, and
// the page's Content-Security-Policy forbids scripts and network as a second line of defence.
//
// Only type imports: preview.ts runs this file directly under Node's type stripping, where a
// runtime import would need a `.ts` extension that the root tsconfig does not allow.
import type {
  Button,
  Card,
  DateTimePicker,
  DecoratedText,
  Icon,
  OnClick,
  Section,
  SelectionInput,
  SelectionItem,
  TextInput,
  Widget,
} from '../src/cards/card-json';

export interface PreviewScreen {
  /** Stable id: the frame is `#screen-<name>` and its picture `<name>.png`. */
  readonly name: string;
  /** What the screen shows, for the frame's label (plain text). */
  readonly title: string;
  readonly card: Card;
  /** The action's notification, drawn as the sidebar's toast. */
  readonly notification?: string;
}

export interface PreviewOptions {
  /** The add-on's name in the sidebar's top bar. */
  readonly addonName?: string;
}

/** Screen names become element ids, CSS selectors and file names, so they stay plain. */
const SCREEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

export function renderPreviewPage(screens: readonly PreviewScreen[], options: PreviewOptions = {}): string {
  checkNames(screens);
  const contents =
    screens.length === 0
      ? '<p class="empty">No screens recorded.</p>'
      : `<nav class="toc" aria-label="Screens"><ol>${screens
          .map((s) => `<li><a href="#screen-${s.name}">${escapeHtml(s.title)}</a></li>`)
          .join('')}</ol></nav>`;
  const frames = screens.map((s) => renderFrame(s, options)).join('\n');
  return page(
    'Conference Desk add-on: card preview',
    `<header class="page-head"><h1>Conference Desk add-on: card preview</h1>
<p>Static drawings of the sidebar's cards, rendered from card JSON recorded by the add-on's tests. They approximate Google's renderer; they are not screenshots of Gmail or Calendar.</p>
${contents}</header>
<main class="frames">
${frames}
</main>`,
  );
}

/** One screen on a page of its own, e.g. to look at a single card while changing it. */
export function renderScreen(screen: PreviewScreen, options: PreviewOptions = {}): string {
  checkNames([screen]);
  return page(screen.title, `<main class="frames">\n${renderFrame(screen, options)}\n</main>`);
}

function checkNames(screens: readonly PreviewScreen[]): void {
  const seen = new Set<string>();
  for (const { name } of screens) {
    if (!SCREEN_NAME.test(name)) {
      throw new Error(
        `preview: screen name ${JSON.stringify(name)} must be letters, digits, "-" or "_" (it becomes an element id and a file name)`,
      );
    }
    if (seen.has(name)) throw new Error(`preview: two screens are named ${JSON.stringify(name)}`);
    seen.add(name);
  }
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

// Ids inside a screen (label for=, radio group names) must be unique on a page of many screens.
interface Ids {
  next(): string;
}

function idsFor(screenName: string): Ids {
  let n = 0;
  return { next: () => `screen-${screenName}-w${++n}` };
}

function renderFrame(screen: PreviewScreen, options: PreviewOptions): string {
  const { card, name } = screen;
  const ids = idsFor(name);
  const addonName = options.addonName ?? 'Conference Desk';
  const header = `<div class="card-header"><div class="card-title">${escapeHtml(card.header.title)}</div>${
    card.header.subtitle === undefined
      ? ''
      : `<div class="card-subtitle">${escapeHtml(card.header.subtitle)}</div>`
  }</div>`;
  const sections = card.sections.map((s) => renderSection(s, ids)).join('');
  // Google's notification bar floats over the bottom of the sidebar; here it takes its own place
  // at the bottom, above the footer, so the picture hides none of the card behind it.
  const toast =
    screen.notification === undefined
      ? ''
      : `<div class="toast" role="status">${escapeWithBreaks(screen.notification)}</div>`;
  const footer =
    card.fixedFooter === undefined
      ? ''
      : renderFooter(card.fixedFooter.primaryButton, card.fixedFooter.secondaryButton);
  return `<figure class="frame" id="screen-${name}" aria-labelledby="screen-${name}-label">
<figcaption id="screen-${name}-label"><span class="frame-title">${escapeHtml(screen.title)}</span> <code>${name}</code> <span class="card-name">card ${escapeHtml(card.name)}</span></figcaption>
<div class="sidebar" data-card="${escapeHtml(card.name)}">
<div class="appbar"><span class="app-logo" aria-hidden="true">CD</span><span class="app-name">${escapeHtml(addonName)}</span><span class="app-close" aria-hidden="true">${svg(CROSS)}</span></div>
<div class="card-body">${header}${sections}</div>
${toast}${footer}
</div>
</figure>`;
}

function renderFooter(primary: Button, secondary: Button | undefined): string {
  // Unless a button names its type, the primary is drawn filled and the secondary outlined,
  // the way Google's fixed footer looks.
  const buttons = [
    secondary === undefined ? '' : renderButton(secondary, 'OUTLINED'),
    renderButton(primary, 'FILLED'),
  ].join('');
  return `<div class="footer">${buttons}</div>`;
}

function renderSection(section: Section, ids: Ids): string {
  const header =
    section.header === undefined ? '' : `<div class="section-header">${formatCardText(section.header)}</div>`;
  const widgets = section.widgets.map((w) => renderWidget(w, ids));
  if (section.collapsible !== true) return `<section class="section">${header}${widgets.join('')}</section>`;
  // Collapsible sections are drawn expanded so the picture shows everything; the widgets that
  // Google would hide behind "Show more" are marked, and the "Show less" control is drawn.
  const shown = Math.max(0, section.uncollapsibleWidgetsCount ?? 0);
  return `<section class="section collapsible">${header}${widgets.slice(0, shown).join('')}<div class="collapsed-part" title="Hidden until &quot;Show more&quot;">${widgets
    .slice(shown)
    .join('')}</div><div class="show-less">${svg(CHEVRON_UP)}<span>Show less</span></div></section>`;
}

function renderWidget(widget: Widget, ids: Ids): string {
  if ('textParagraph' in widget)
    return `<div class="w text-paragraph">${formatCardText(widget.textParagraph.text)}</div>`;
  if ('decoratedText' in widget) return renderDecoratedText(widget.decoratedText);
  if ('buttonList' in widget) {
    return `<div class="w button-list">${widget.buttonList.buttons.map((b) => renderButton(b, 'OUTLINED')).join('')}</div>`;
  }
  if ('textInput' in widget) return renderTextInput(widget.textInput, ids);
  if ('selectionInput' in widget) return renderSelectionInput(widget.selectionInput, ids);
  if ('dateTimePicker' in widget) return renderDateTimePicker(widget.dateTimePicker, ids);
  if ('divider' in widget) return '<hr class="w divider">';
  // A kind added to card-json.ts fails to compile here; one unknown to it (in a hand-edited
  // recording) fails loudly rather than being drawn as something else.
  const unknown: never = widget;
  throw new Error(`preview: unknown widget ${JSON.stringify(Object.keys(unknown))}`);
}

function renderDecoratedText(d: DecoratedText): string {
  const icon = d.startIcon === undefined ? '' : `<span class="dt-icon">${renderIcon(d.startIcon)}</span>`;
  const top = d.topLabel === undefined ? '' : `<div class="dt-top">${formatCardText(d.topLabel)}</div>`;
  // Google truncates the text to one line unless wrapText is set; the bottom label always wraps.
  const text = `<div class="dt-text${d.wrapText === true ? '' : ' nowrap'}">${formatCardText(d.text)}</div>`;
  const bottom =
    d.bottomLabel === undefined ? '' : `<div class="dt-bottom">${formatCardText(d.bottomLabel)}</div>`;
  const button =
    d.button === undefined ? '' : `<div class="dt-button">${renderButton(d.button, 'OUTLINED')}</div>`;
  const attrs =
    d.onClick === undefined
      ? 'class="w decorated-text"'
      : `class="w decorated-text clickable" title="${escapeHtml(describeClick(d.onClick))}"`;
  return `<div ${attrs}>${icon}<div class="dt-body">${top}${text}${bottom}</div>${button}</div>`;
}

function renderButton(b: Button, defaultType: NonNullable<Button['type']>): string {
  const type = (b.type ?? defaultType).toLowerCase().replaceAll('_', '-');
  return `<button type="button" class="btn btn-${type}" title="${escapeHtml(describeClick(b.onClick))}"${
    b.disabled === true ? ' disabled' : ''
  }>${escapeHtml(b.text)}</button>`;
}

/** A tooltip for reviewers: which function a button runs or which page it opens. */
function describeClick(onClick: OnClick): string {
  return 'action' in onClick ? `Runs ${onClick.action.function}` : `Opens ${onClick.openLink.url}`;
}

function renderTextInput(t: TextInput, ids: Ids): string {
  const id = ids.next();
  const value = t.value ?? '';
  const control =
    t.type === 'MULTIPLE_LINE'
      ? `<textarea id="${id}" name="${escapeHtml(t.name)}" rows="${textareaRows(value)}" readonly>${escapeHtml(value)}</textarea>`
      : `<input id="${id}" name="${escapeHtml(t.name)}" type="text" value="${escapeHtml(value)}" readonly>`;
  return outlinedField(
    id,
    t.label,
    value !== '',
    control,
    t.hintText,
    t.type === 'MULTIPLE_LINE' ? ' multiline' : '',
  );
}

/** Enough rows that the picture shows the whole value: the sidebar's field fits ~34 characters a line. */
function textareaRows(value: string): number {
  const lines = value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 34)), 0);
  return Math.min(12, Math.max(3, lines));
}

function outlinedField(
  id: string,
  label: string,
  filled: boolean,
  control: string,
  hint: string | undefined,
  extraClass = '',
  trailing = '',
): string {
  // Material's outlined field: the label sits inside while empty and on the border once filled.
  return `<div class="w field${filled ? ' filled' : ''}${extraClass}"><div class="outlined"><label for="${id}">${escapeHtml(
    label,
  )}</label>${control}${trailing}</div>${hint === undefined ? '' : `<div class="hint">${escapeHtml(hint)}</div>`}</div>`;
}

function renderSelectionInput(s: SelectionInput, ids: Ids): string {
  const id = ids.next();
  if (s.type === 'DROPDOWN') {
    // One choice shows: if the JSON marks several items selected, the first is drawn.
    const chosen = s.items.findIndex((i) => i.selected);
    const options = s.items
      .map(
        (item, n) =>
          `<option value="${escapeHtml(item.value)}"${n === chosen ? ' selected' : ''}>${escapeHtml(item.text)}</option>`,
      )
      .join('');
    const none = chosen === -1 ? '<option value="" selected hidden></option>' : '';
    return outlinedField(
      id,
      s.label,
      chosen !== -1,
      `<select id="${id}" name="${escapeHtml(s.name)}">${none}${options}</select>`,
      undefined,
      ' dropdown',
      `<span class="trailing">${svg(CHEVRON_DOWN)}</span>`,
    );
  }
  const item = (i: SelectionItem): string => {
    const checked = i.selected ? ' checked' : '';
    const name = escapeHtml(s.type === 'RADIO_BUTTON' ? id : s.name);
    const value = escapeHtml(i.value);
    if (s.type === 'SWITCH') {
      return `<label class="choice switch-row"><span>${escapeHtml(i.text)}</span><input type="checkbox" role="switch" class="switch-toggle" name="${name}" value="${value}"${checked}></label>`;
    }
    const type = s.type === 'RADIO_BUTTON' ? 'radio' : 'checkbox';
    return `<label class="choice"><input type="${type}" name="${name}" value="${value}"${checked}><span>${escapeHtml(i.text)}</span></label>`;
  };
  return `<fieldset class="w choices ${s.type.toLowerCase().replaceAll('_', '-')}" id="${id}"><legend>${escapeHtml(s.label)}</legend>${s.items
    .map(item)
    .join('')}</fieldset>`;
}

function renderDateTimePicker(p: DateTimePicker, ids: Ids): string {
  const id = ids.next();
  const shown = formatPickerValue(p);
  const glyph = p.type === 'TIME_ONLY' ? CLOCK : CALENDAR;
  return outlinedField(
    id,
    p.label,
    shown !== '',
    `<input id="${id}" name="${escapeHtml(p.name)}" type="text" value="${escapeHtml(shown)}" readonly>`,
    undefined,
    ' picker',
    `<span class="trailing">${svg(glyph)}</span>`,
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * The picker's value as the sidebar shows it, in the card's own offset (timezoneOffsetDate,
 * minutes east of UTC) rather than the machine's zone, so the pictures don't depend on where
 * they were made. UK style: "Tue 14 Apr 2026, 10:30". An unparseable value is shown as it is,
 * marked, so a recording bug is visible rather than drawn as an empty field.
 */
export function formatPickerValue(p: DateTimePicker): string {
  if (p.valueMsEpoch === undefined || p.valueMsEpoch === '') return '';
  const ms = /^-?\d+$/.test(p.valueMsEpoch) ? Number(p.valueMsEpoch) : Number.NaN;
  const at = new Date(ms + (p.timezoneOffsetDate ?? 0) * 60_000);
  if (Number.isNaN(at.getTime())) return `invalid: ${p.valueMsEpoch}`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${WEEKDAYS[at.getUTCDay()] ?? ''} ${at.getUTCDate()} ${MONTHS[at.getUTCMonth()] ?? ''} ${at.getUTCFullYear()}`;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  if (p.type === 'DATE_ONLY') return date;
  if (p.type === 'TIME_ONLY') return time;
  return `${date}, ${time}`;
}

// ---- text ----------------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/**
 * Line breaks in card text become <br> rather than relying on `white-space: pre-line`, so
 * reformatting the page (preview.ts runs Prettier on it) cannot add visible breaks.
 */
function escapeWithBreaks(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Undoes the escapes a card author would use in an attribute, so a URL is escaped exactly once. */
function unescapeBasic(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      default:
        return "'";
    }
  });
}

// Tags, character references, runs of plain text, and lone "<" or "&".
const TOKEN = /<[^<>]*>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|[^<&]+|[<&]/g;
const SIMPLE_OPEN = /^<(b|i|u)>$/i;
const CLOSE_TAG = /^<\/(b|i|u|font|a)\s*>$/i;
const BREAK = /^<br\s*\/?>$/i;
const FONT_OPEN =
  /^<font\s+color\s*=\s*(?:"(#[0-9a-f]{6}|#[0-9a-f]{3})"|'(#[0-9a-f]{6}|#[0-9a-f]{3})')\s*>$/i;
const LINK_OPEN = /^<a\s+href\s*=\s*(?:"([^"]*)"|'([^']*)')\s*>$/i;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

type Open = 'b' | 'i' | 'u' | 'font' | 'a';

/**
 * Card text as Google renders it: <b>, <i>, <u>, <br>, <font color="#rrggbb"> and <a href>
 * (http, https, mailto) are kept; every other tag is shown as text, not dropped, so that
 * markup leaking into a card from what someone typed is visible in the preview. Character
 * references pass through (the add-on escapes people's text with them). Tags are balanced
 * here so an unclosed <a> or <b> cannot spill into the rest of the page.
 */
export function formatCardText(text: string): string {
  const open: Open[] = [];
  let out = '';
  const closeTag = (t: Open): string => (t === 'font' ? '</span>' : `</${t}>`);
  for (const [token] of text.matchAll(TOKEN)) {
    if (token.startsWith('&') && token.length > 1) {
      out += token;
      continue;
    }
    if (!token.startsWith('<') || token.length === 1) {
      out += escapeWithBreaks(token);
      continue;
    }
    if (BREAK.test(token)) {
      out += '<br>';
      continue;
    }
    const simple = SIMPLE_OPEN.exec(token);
    if (simple?.[1] !== undefined) {
      const tag = simple[1].toLowerCase() as Open;
      open.push(tag);
      out += `<${tag}>`;
      continue;
    }
    const font = FONT_OPEN.exec(token);
    if (font !== null) {
      open.push('font');
      out += `<span style="color:${(font[1] ?? font[2] ?? '').toLowerCase()}">`;
      continue;
    }
    const link = LINK_OPEN.exec(token);
    if (link !== null && !open.includes('a')) {
      const href = unescapeBasic(link[1] ?? link[2] ?? '').trim();
      if (SAFE_URL.test(href)) {
        open.push('a');
        out += `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">`;
        continue;
      }
    }
    const close = CLOSE_TAG.exec(token);
    const closing = close?.[1]?.toLowerCase() as Open | undefined;
    if (closing !== undefined && open.includes(closing)) {
      for (let t = open.pop(); t !== undefined; t = open.pop()) {
        out += closeTag(t);
        if (t === closing) break;
      }
      continue;
    }
    out += escapeHtml(token);
  }
  for (let t = open.pop(); t !== undefined; t = open.pop()) out += closeTag(t);
  return out;
}

// ---- icons ---------------------------------------------------------------------------------

// Small line drawings in the spirit of Google's Material icons, inline so the page needs no
// icon font and no network.
const CLOCK = '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>';
const CALENDAR = '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>';
const CHEVRON_DOWN = '<path d="M7 10l5 5 5-5"/>';
const CHEVRON_UP = '<path d="M7 14l5-5 5 5"/>';
const CROSS = '<path d="M6 6l12 12M18 6L6 18"/>';
const KNOWN_ICONS: Record<NonNullable<Icon['knownIcon']>, string> = {
  CLOCK,
  EMAIL: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
  PERSON: '<circle cx="12" cy="8" r="4"/><path d="M4 20c0-4 4-6 8-6s8 2 8 6"/>',
  MULTIPLE_PEOPLE:
    '<circle cx="9" cy="8" r="3.5"/><path d="M2 20c0-3.5 3-5.5 7-5.5s7 2 7 5.5"/><circle cx="17" cy="8.5" r="3"/><path d="M17 14.5c3 0 5 1.8 5 5"/>',
  DESCRIPTION: '<path d="M6 3h8l5 5v13H6z"/><path d="M14 3v5h5M9 13h7M9 17h7"/>',
  EVENT_SEAT: '<path d="M7 4h10v8H7zM5 12h14v3H5zM7 15v5M17 15v5"/>',
  BOOKMARK: '<path d="M6 3h12v18l-6-4-6 4z"/>',
  STAR: '<path d="M12 3l2.8 5.8 6.2.9-4.5 4.4 1.1 6.3L12 17.4l-5.6 3 1.1-6.3L3 9.7l6.2-.9z"/>',
  INVITE: '<circle cx="10" cy="8" r="4"/><path d="M2 20c0-4 4-6 8-6s8 2 8 6M19 5v6M16 8h6"/>',
  MAP_PIN: '<path d="M12 21s-7-6.5-7-12a7 7 0 0 1 14 0c0 5.5-7 12-7 12z"/><circle cx="12" cy="9" r="2.5"/>',
  VIDEO_CAMERA: '<rect x="2" y="6" width="13" height="12" rx="2"/><path d="M15 10l7-4v12l-7-4z"/>',
};

function renderIcon(icon: Icon): string {
  const drawing =
    icon.knownIcon === undefined ? '<circle cx="12" cy="12" r="8"/>' : KNOWN_ICONS[icon.knownIcon];
  const label = icon.altText ?? icon.knownIcon?.toLowerCase().replaceAll('_', ' ') ?? 'icon';
  return svg(drawing, label);
}

function svg(drawing: string, label?: string): string {
  const a11y = label === undefined ? 'aria-hidden="true"' : `role="img" aria-label="${escapeHtml(label)}"`;
  return `<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" ${a11y}>${drawing}</svg>`;
}

// ---- style ---------------------------------------------------------------------------------

// Colours and sizes follow Google's Material 3 sidebar; fonts fall back to whatever sans-serif
// the machine has, because the page must not fetch Google Sans or Roboto.
const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;padding:24px;background:#eef1f5;color:#1f1f1f;font:14px/20px "Google Sans Text","Google Sans",Roboto,Arial,"DejaVu Sans",sans-serif}
.page-head{max-width:960px;margin:0 0 24px}
.page-head h1{font-size:22px;line-height:28px;font-weight:500;margin:0 0 8px}
.page-head p{margin:0 0 8px;color:#444746}
.toc ol{margin:0;padding-left:20px;columns:2}
.toc a{color:#0b57d0}
.empty{color:#444746}
.frames{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.frame{margin:0;padding:12px;background:#dde3ea;border-radius:12px;width:max-content}
.frame figcaption{max-width:320px;margin:0 0 8px;font-size:13px;line-height:18px;color:#1f1f1f;overflow-wrap:anywhere}
.frame-title{font-weight:500}
.frame figcaption code{font:12px/18px "DejaVu Sans Mono",monospace;color:#444746}
.card-name{display:block;font-size:12px;color:#444746}
.sidebar{position:relative;display:flex;flex-direction:column;width:320px;min-height:600px;background:#fff;border:1px solid #c4c7c5;border-radius:8px;overflow:hidden;overflow-wrap:anywhere}
.appbar{display:flex;align-items:center;gap:8px;height:48px;padding:0 12px 0 16px;border-bottom:1px solid #e3e3e3}
.app-logo{display:inline-flex;align-items:center;justify-content:center;width:24px;height:24px;border-radius:6px;background:#0b57d0;color:#fff;font-size:10px;font-weight:700}
.app-name{flex:1;min-width:0;font-size:16px;font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.app-close{color:#444746;display:inline-flex}
.card-body{flex:1 0 auto}
.card-header{padding:16px 16px 8px}
.card-title{font-size:16px;line-height:24px;font-weight:500}
.card-subtitle{font-size:12px;line-height:16px;color:#444746}
.section{padding:8px 16px 12px}
.section+.section{border-top:1px solid #e3e3e3}
.section-header{font-size:14px;line-height:20px;font-weight:500;color:#444746;margin:4px 0 8px}
.collapsed-part{border-left:2px dashed #c4c7c5;margin-left:-10px;padding-left:8px}
.show-less{display:flex;align-items:center;gap:4px;margin-top:4px;color:#0b57d0;font-size:14px;font-weight:500}
.w{margin:8px 0}
a{color:#0b57d0}
.decorated-text{display:flex;align-items:center;gap:12px}
.decorated-text.clickable .dt-text{color:#0b57d0}
.dt-icon{display:inline-flex;color:#444746;flex:none}
.dt-body{flex:1;min-width:0}
.dt-top{font-size:12px;line-height:16px;color:#444746;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.dt-text.nowrap{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.dt-bottom{font-size:12px;line-height:16px;color:#444746}
.dt-button{flex:none;max-width:45%}
.button-list{display:flex;flex-wrap:wrap;gap:8px}
.btn{max-width:100%;min-height:36px;padding:8px 16px;border-radius:18px;border:1px solid transparent;font-family:inherit;font-size:14px;line-height:18px;font-weight:500;white-space:normal;overflow-wrap:anywhere;text-align:center;cursor:pointer}
.btn-filled{background:#0b57d0;color:#fff}
.btn-filled-tonal{background:#c2e7ff;color:#001d35}
.btn-outlined{background:#fff;color:#0b57d0;border-color:#747775}
.btn-borderless{background:transparent;color:#0b57d0;padding-left:12px;padding-right:12px}
.btn:disabled{cursor:default;color:rgba(31,31,31,.38);background:rgba(31,31,31,.12)}
.btn-outlined:disabled{background:#fff;border-color:rgba(31,31,31,.12)}
.btn-borderless:disabled{background:transparent}
.field{margin:16px 0 8px}
.outlined{position:relative;display:flex;align-items:center;border:1px solid #747775;border-radius:4px;padding:0 12px;min-height:56px}
.outlined label{position:absolute;left:12px;top:16px;max-width:calc(100% - 24px);line-height:24px;font-size:16px;color:#444746;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;pointer-events:none}
.field.filled .outlined label{top:-9px;left:8px;padding:0 4px;font-size:12px;line-height:16px;background:#fff}
.outlined input,.outlined textarea,.outlined select{flex:1;min-width:0;width:100%;margin:0;padding:16px 0;border:0;outline:0;background:transparent;color:#1f1f1f;font-family:inherit;font-size:16px;line-height:24px}
.outlined textarea{resize:none;line-height:22px;display:block}
.outlined select{appearance:none;-webkit-appearance:none;padding-right:28px}
.trailing{position:absolute;right:12px;display:inline-flex;color:#444746;pointer-events:none}
.picker input{padding-right:28px}
.hint{margin:4px 16px 0;font-size:12px;line-height:16px;color:#444746}
.choices{border:0;padding:0;min-width:0}
.choices legend{padding:0;margin:0 0 4px;font-size:14px;color:#444746}
.choice{display:flex;align-items:center;gap:12px;min-height:36px}
.choice input{flex:none;width:18px;height:18px;margin:0 3px;accent-color:#0b57d0}
.switch-row{justify-content:space-between}
.choice .switch-toggle{appearance:none;-webkit-appearance:none;position:relative;flex:none;width:52px;height:32px;margin:0;border-radius:16px;border:2px solid #747775;background:#e3e3e3}
.switch-toggle::after{content:"";position:absolute;top:6px;left:6px;width:16px;height:16px;border-radius:50%;background:#747775}
.switch-toggle:checked{background:#0b57d0;border-color:#0b57d0}
.switch-toggle:checked::after{left:22px;top:2px;width:24px;height:24px;background:#fff}
.divider{border:0;border-top:1px solid #e3e3e3;margin:12px 0}
.toast{margin:8px;padding:14px 16px;border-radius:4px;background:#303030;color:#f2f2f2;font-size:14px;line-height:20px;box-shadow:0 2px 6px rgba(0,0,0,.3)}
.footer{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px;padding:12px 16px;border-top:1px solid #e3e3e3;background:#fff;box-shadow:0 -1px 3px rgba(0,0,0,.08)}
.icon{display:block;flex:none}
`;
