// The card preview in a real browser: Debian's Chromium (/usr/bin/chromium, installed by
// .ci/run) driven by playwright-core. A missing browser fails this file rather than skipping
// it, so CI cannot go green without ever having drawn a card.
//
// The cards are made up (fictional references, agencies by role, no personal names) and
// between them use every widget kind card-json.ts defines.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { format } from 'prettier';
import type { Button, Card, Widget } from '../../addon/src/cards/card-json';
import {
  formatCardText,
  formatPickerValue,
  renderPreviewPage,
  renderScreen,
  type PreviewScreen,
} from '../../addon/preview/render-html';
import { launchChromium, takeScreenshots } from '../../addon/preview/screenshot';

const act = (fn: string): Button['onClick'] => ({ action: { function: fn } });
// 2026-04-14T09:30:00Z; the card shows it an hour east of UTC (British Summer Time).
const STARTS_MS = String(Date.UTC(2026, 3, 14, 9, 30));
const INJECTED = '<script>window.__previewInjected = true</script>';

const bookingForm: Card = {
  name: 'bookingForm',
  header: { title: 'Book a conference', subtitle: 'HCK-2026-0042' },
  sections: [
    {
      header: 'Conference',
      widgets: [
        {
          textInput: {
            name: 'reference',
            label: 'Conference reference',
            value: 'HCK-2026-0042',
            hintText: 'As on the referral',
          },
        },
        { textInput: { name: 'room', label: 'Room', hintText: 'Leave empty for online' } },
        {
          selectionInput: {
            name: 'kind',
            label: 'Conference type',
            type: 'DROPDOWN',
            items: [
              { text: 'Initial conference', value: 'initial', selected: false },
              { text: 'Review conference', value: 'review', selected: true },
            ],
            onChangeAction: { function: 'onKindChange' },
          },
        },
        {
          dateTimePicker: {
            name: 'starts',
            label: 'Starts',
            type: 'DATE_AND_TIME',
            valueMsEpoch: STARTS_MS,
            timezoneOffsetDate: 60,
          },
        },
        {
          dateTimePicker: {
            name: 'reportsDue',
            label: 'Reports due',
            type: 'DATE_ONLY',
            valueMsEpoch: String(Date.UTC(2026, 3, 9)),
            timezoneOffsetDate: 60,
          },
        },
        { dateTimePicker: { name: 'ends', label: 'Ends', type: 'TIME_ONLY' } },
      ],
    },
    {
      header: 'Agencies invited',
      collapsible: true,
      uncollapsibleWidgetsCount: 1,
      widgets: [
        {
          selectionInput: {
            name: 'agencies',
            label: 'Agencies',
            type: 'CHECK_BOX',
            items: [
              { text: 'Police', value: 'police', selected: true },
              { text: 'Health', value: 'health', selected: true },
              { text: 'School', value: 'school', selected: false },
            ],
          },
        },
        {
          selectionInput: {
            name: 'venue',
            label: 'Venue',
            type: 'RADIO_BUTTON',
            items: [
              { text: 'Online', value: 'online', selected: true },
              { text: 'In person', value: 'in-person', selected: false },
            ],
          },
        },
        {
          selectionInput: {
            name: 'reminders',
            label: 'Reminders',
            type: 'SWITCH',
            items: [{ text: 'Remind agencies 3 days before', value: 'on', selected: true }],
          },
        },
      ],
    },
    {
      widgets: [
        {
          textInput: {
            name: 'notes',
            label: 'Notes for the chair',
            type: 'MULTIPLE_LINE',
            value: 'Review of HCK-2026-0042.\nSchool report to follow.',
          },
        },
      ],
    },
  ],
  fixedFooter: {
    primaryButton: { text: 'Book conference', onClick: act('onBook') },
    secondaryButton: { text: 'Cancel', onClick: act('onCancel') },
  },
};

const knownIcons = ['CLOCK', 'EMAIL', 'MULTIPLE_PEOPLE', 'DESCRIPTION', 'MAP_PIN', 'VIDEO_CAMERA'] as const;

const summary: Card = {
  name: 'conferenceSummary',
  header: { title: 'HCK-2026-0042', subtitle: 'Review conference' },
  sections: [
    {
      header: 'Reports',
      widgets: [
        {
          textParagraph: {
            text: '<b>Quorum met</b>: police, health<br><font color="#b3261e">School report missing</font> · <a href="https://example.org/guide?a=1&amp;b=2">guidance</a>',
          },
        },
        ...knownIcons.map((icon): Widget => ({
          decoratedText: {
            topLabel: `Top ${icon.toLowerCase()}`,
            text: `Detail for ${icon.toLowerCase()}`,
            bottomLabel: 'Bottom label that is long enough to wrap onto a second line in the sidebar',
            startIcon: { knownIcon: icon },
          },
        })),
        {
          decoratedText: {
            text: 'School report: not received',
            wrapText: true,
            startIcon: { knownIcon: 'BOOKMARK', altText: 'Report' },
            button: { text: 'Chase', onClick: act('onChase') },
            onClick: act('onOpenReport'),
          },
        },
        { divider: {} },
        {
          buttonList: {
            buttons: [
              { text: 'Send reminders', onClick: act('onRemind'), type: 'FILLED' },
              {
                text: 'Open calendar',
                onClick: { openLink: { url: 'https://calendar.example.org/' } },
                type: 'OUTLINED',
              },
              { text: 'Details', onClick: act('onDetails'), type: 'BORDERLESS' },
              { text: 'Hold', onClick: act('onHold'), type: 'FILLED_TONAL' },
              { text: 'Close conference', onClick: act('onClose'), type: 'FILLED', disabled: true },
            ],
          },
        },
      ],
    },
  ],
};

// What people typed ends up in cards: none of it may become markup in the preview.
const hostile: Card = {
  name: 'hostile<card>',
  header: { title: `Report ${INJECTED}`, subtitle: '<img src=x onerror="window.__previewInjected=true">' },
  sections: [
    {
      header: '<i>Agency</i> notes <iframe src="https://example.org/">',
      widgets: [
        { textParagraph: { text: INJECTED } },
        { textParagraph: { text: `${'HCK-2026-0042-'.repeat(12)}end` } },
        {
          decoratedText: {
            text: '<a href="javascript:window.__previewInjected=true">link</a>',
            topLabel: INJECTED,
          },
        },
        {
          textInput: {
            name: 'note',
            label: 'Note',
            value: `"><script>window.__previewInjected = true</script>`,
          },
        },
      ],
    },
  ],
};

const screens: PreviewScreen[] = [
  { name: 'booking-form', title: 'Booking form', card: bookingForm },
  {
    name: 'conference-summary',
    title: 'Summary after sending reminders',
    card: summary,
    notification: 'Reminders sent to police and health',
  },
  { name: 'hostile-text', title: `Hostile text ${INJECTED}`, card: hostile, notification: INJECTED },
];

type WidgetKind = Widget extends infer W ? (W extends unknown ? keyof W : never) : never;
// Adding a widget kind to card-json.ts fails type-checking here until a sample uses it.
const ALL_KINDS = Object.keys({
  textParagraph: true,
  decoratedText: true,
  buttonList: true,
  textInput: true,
  selectionInput: true,
  dateTimePicker: true,
  divider: true,
} satisfies Record<WidgetKind, true>);

// Structural types for the few DOM members read inside the page: the project compiles
// without the DOM library, and these callbacks run in Chromium, not in Node.
interface Rect {
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  readonly tagName: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

describe('card preview in Chromium', () => {
  const VIEWPORT = { width: 1280, height: 900 };
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    // The same scale as the pictures, so sizes measured here are the pictures' sizes halved.
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2 });
    page = await context.newPage();
    await page.setContent(renderPreviewPage(screens), { waitUntil: 'load' });
  }, 15_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every screen in a visible frame with a sidebar 300-340 px wide', async () => {
    for (const { name } of screens) {
      const frame = page.locator(`#screen-${name}`);
      await expect(frame.isVisible()).resolves.toBe(true);
      const box = await frame.locator('.sidebar').boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(300);
      expect(box?.width).toBeLessThanOrEqual(340);
    }
  });

  it('lets nothing overflow a sidebar horizontally', async () => {
    const overflowing = await page.locator('.sidebar').evaluateAll((sidebars: PageElement[]) =>
      sidebars.flatMap((sidebar) => {
        const edge = sidebar.getBoundingClientRect();
        const found: string[] = [];
        if (sidebar.scrollWidth > sidebar.clientWidth) found.push(`sidebar scrolls: ${sidebar.scrollWidth}`);
        for (const el of Array.from(sidebar.querySelectorAll('*'))) {
          const r = el.getBoundingClientRect();
          // Unrendered parts (a <select>'s options) report empty boxes at the origin.
          if (r.width === 0 && r.height === 0) continue;
          if (r.left < edge.left - 0.5 || r.right > edge.right + 0.5) {
            found.push(`${el.tagName}.${el.getAttribute('class') ?? ''} ${r.left}..${r.right}`);
          }
        }
        return found;
      }),
    );
    expect(overflowing).toEqual([]);
  });

  it('shows inputs with their labels and values', async () => {
    const form = page.locator('#screen-booking-form');
    const reference = form.getByLabel('Conference reference');
    await expect(reference.inputValue()).resolves.toBe('HCK-2026-0042');
    await expect(form.getByText('Conference reference', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(form.getByText('As on the referral').isVisible()).resolves.toBe(true);
    // A filled field's label sits on its border, above the value rather than over it.
    const labelBox = await form.getByText('Conference reference', { exact: true }).boundingBox();
    const inputBox = await reference.boundingBox();
    expect((labelBox?.y ?? 0) + (labelBox?.height ?? 0)).toBeLessThanOrEqual((inputBox?.y ?? 0) + 16);

    await expect(form.getByLabel('Room').inputValue()).resolves.toBe('');
    await expect(
      form
        .getByLabel('Conference type')
        .evaluate(
          (el: { selectedOptions: ArrayLike<{ textContent: string | null }> }) =>
            el.selectedOptions[0]?.textContent,
        ),
    ).resolves.toBe('Review conference');
    await expect(form.getByLabel('Starts').inputValue()).resolves.toBe('Tue 14 Apr 2026, 10:30');
    await expect(form.getByLabel('Reports due').inputValue()).resolves.toBe('Thu 9 Apr 2026');
    await expect(form.getByLabel('Notes for the chair').inputValue()).resolves.toBe(
      'Review of HCK-2026-0042.\nSchool report to follow.',
    );
    await expect(form.getByLabel('Police').isChecked()).resolves.toBe(true);
    await expect(form.getByLabel('School').isChecked()).resolves.toBe(false);
    await expect(form.getByLabel('Online').isChecked()).resolves.toBe(true);
    await expect(
      form.getByRole('switch', { name: 'Remind agencies 3 days before' }).isChecked(),
    ).resolves.toBe(true);
    await expect(form.getByText('Show less').isVisible()).resolves.toBe(true);
    // The switch sits at the end of its item's line, as in Google's sidebar.
    const toggle = await form.getByRole('switch').boundingBox();
    const toggleText = await form.getByText('Remind agencies 3 days before').boundingBox();
    expect(toggle?.width).toBeGreaterThanOrEqual(40);
    expect((toggleText?.x ?? 0) + (toggleText?.width ?? 0)).toBeLessThanOrEqual(toggle?.x ?? 0);
    expect(Math.abs((toggleText?.y ?? 0) - (toggle?.y ?? 0))).toBeLessThan(20);
  });

  it('draws formatted text, buttons and the notification', async () => {
    const card = page.locator('#screen-conference-summary');
    await expect(card.locator('b', { hasText: 'Quorum met' }).count()).resolves.toBe(1);
    await expect(card.getByRole('link', { name: 'guidance' }).getAttribute('href')).resolves.toBe(
      'https://example.org/guide?a=1&b=2',
    );
    await expect(card.getByRole('button', { name: 'Close conference' }).isDisabled()).resolves.toBe(true);
    await expect(card.getByRole('button', { name: 'Send reminders' }).isEnabled()).resolves.toBe(true);
    await expect(card.getByRole('img', { name: 'video camera' }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole('status').textContent()).resolves.toBe('Reminders sent to police and health');
  });

  it('shows text containing <script> as text and runs nothing', async () => {
    const card = page.locator('#screen-hostile-text');
    await expect(card.getByText(INJECTED, { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(card.getByLabel('Note').inputValue()).resolves.toBe(
      '"><script>window.__previewInjected = true</script>',
    );
    await expect(
      card.getByText('<a href="javascript:window.__previewInjected=true">link</a>').isVisible(),
    ).resolves.toBe(true);
    await expect(page.locator('script, img, iframe').count()).resolves.toBe(0);
    await expect(card.getByRole('link').count()).resolves.toBe(0);
    await expect(
      page.evaluate(() => (globalThis as { __previewInjected?: unknown }).__previewInjected),
    ).resolves.toBeUndefined();
  });

  it('pins the fixed footer to the bottom of the panel, inside the frame', async () => {
    const frame = page.locator('#screen-booking-form');
    const frameBox = await frame.boundingBox();
    const sidebarBox = await frame.locator('.sidebar').boundingBox();
    const footerBox = await frame.locator('.footer').boundingBox();
    const buttonBox = await frame.getByRole('button', { name: 'Book conference' }).boundingBox();
    if (frameBox === null || sidebarBox === null || footerBox === null || buttonBox === null) {
      throw new Error('the booking form, its footer or its button is not drawn');
    }
    expect(buttonBox.x).toBeGreaterThanOrEqual(frameBox.x);
    expect(buttonBox.y).toBeGreaterThanOrEqual(frameBox.y);
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(frameBox.x + frameBox.width);
    expect(buttonBox.y + buttonBox.height).toBeLessThanOrEqual(frameBox.y + frameBox.height);
    expect(Math.abs(footerBox.y + footerBox.height - (sidebarBox.y + sidebarBox.height))).toBeLessThanOrEqual(
      1,
    );
  });

  it('draws the same after Prettier reformats the page, as preview.ts does', async () => {
    const formatted = await page.context().newPage();
    try {
      await formatted.setContent(await format(renderPreviewPage(screens), { parser: 'html' }), {
        waitUntil: 'load',
      });
      for (const { name } of screens) {
        const before = await page.locator(`#screen-${name}`).boundingBox();
        await expect(formatted.locator(`#screen-${name}`).boundingBox()).resolves.toEqual(before);
      }
    } finally {
      await formatted.close();
    }
  });

  it('writes a PNG of each screen at twice its size', async () => {
    const out = await mkdtemp(join(tmpdir(), 'card-preview-'));
    try {
      const names = screens.map((s) => s.name);
      const files = await takeScreenshots({ html: renderPreviewPage(screens) }, out, names, {
        ...(browser === undefined ? {} : { browser }),
      });
      expect(files).toEqual(names.map((n) => join(out, `${n}.png`)));
      for (const [n, file] of files.entries()) {
        const png = await readFile(file);
        expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(png.toString('latin1', 12, 16)).toBe('IHDR');
        const box = await page.locator(`#screen-${names[n] ?? ''}`).boundingBox();
        expect(Math.abs(png.readUInt32BE(16) - 2 * (box?.width ?? 0))).toBeLessThanOrEqual(2);
        expect(Math.abs(png.readUInt32BE(20) - 2 * (box?.height ?? 0))).toBeLessThanOrEqual(2);
        expect(png.length).toBeGreaterThan(5_000);
      }
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 15_000);
});

describe('card preview markup', () => {
  it('uses every widget kind in its sample cards', () => {
    const used = new Set(
      screens.flatMap((s) => s.card.sections.flatMap((sec) => sec.widgets.flatMap((w) => Object.keys(w)))),
    );
    expect([...used].sort()).toEqual([...ALL_KINDS].sort());
  });

  it('keeps the card text subset and escapes everything else', () => {
    expect(formatCardText('<b>a</b> <i>b</i> <u>c</u><br/><font color="#1A73E8">d</font>')).toBe(
      '<b>a</b> <i>b</i> <u>c</u><br><span style="color:#1a73e8">d</span>',
    );
    expect(formatCardText('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;');
    expect(formatCardText('<font color="red">x</font>')).toBe(
      '&lt;font color=&quot;red&quot;&gt;x&lt;/font&gt;',
    );
    expect(formatCardText('<a href="javascript:alert(1)">x</a>')).toBe(
      '&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;',
    );
    // Unclosed tags are closed so they cannot spill into the rest of the page.
    expect(formatCardText('<b><a href="https://example.org/">x')).toBe(
      '<b><a href="https://example.org/" target="_blank" rel="noopener noreferrer">x</a></b>',
    );
    // Line breaks are drawn as <br>, which survives the page being reformatted.
    expect(formatCardText('one\ntwo')).toBe('one<br>two');
    // Character references pass through: the add-on escapes people's text with them.
    expect(formatCardText('Police &amp; health &lt;b&gt; & <')).toBe(
      'Police &amp; health &lt;b&gt; &amp; &lt;',
    );
  });

  it('formats picker values in the card offset, not the machine zone', () => {
    const at = { name: 'n', label: 'l', valueMsEpoch: String(Date.UTC(2026, 11, 31, 23, 30)) };
    expect(formatPickerValue({ ...at, type: 'DATE_AND_TIME', timezoneOffsetDate: 0 })).toBe(
      'Thu 31 Dec 2026, 23:30',
    );
    expect(formatPickerValue({ ...at, type: 'DATE_ONLY', timezoneOffsetDate: 60 })).toBe('Fri 1 Jan 2027');
    expect(formatPickerValue({ ...at, type: 'TIME_ONLY', timezoneOffsetDate: -300 })).toBe('18:30');
    expect(formatPickerValue({ ...at, type: 'TIME_ONLY', valueMsEpoch: 'soon' })).toBe('invalid: soon');
  });

  it('renders one screen alone and refuses names that cannot be ids', () => {
    const [first, second] = screens;
    if (first === undefined || second === undefined) throw new Error('no sample screens');
    const html = renderScreen(first);
    expect(html).toContain('id="screen-booking-form"');
    expect(html).not.toContain('id="screen-conference-summary"');
    expect(() => renderPreviewPage([{ ...first, name: 'a b' }])).toThrow(/must be letters/);
    expect(() => renderPreviewPage([first, { ...second, name: first.name }])).toThrow(/two screens/);
  });
});
