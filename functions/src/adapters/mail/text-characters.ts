// How much readable text a message body has, counted without keeping it: runs of whitespace
// count as one space, and a body of only whitespace or markup counts as none.

/**
 * Counts mailparser's plain text, or the HTML's visible text when the plain text is empty.
 * mailparser leaves `text` unset for HTML in multipart/mixed with no plain part (only HTML at the
 * top level or beside plain text is converted) and empty for HTML over `maxHtmlLengthToParse`,
 * so the HTML is counted here rather than trusting its conversion.
 */
export function textCharacters(text: string | undefined, html: string | undefined): number {
  const plain = visibleLength(withoutPlaceholders(text ?? ''), false);
  return plain > 0 || html === undefined ? plain : visibleLength(withoutPlaceholders(html), true);
}

// What mail clients and mailparser write where a picture was: "[cid:image001.png@01DA…]" (Outlook's
// text part, and html-to-text's rendering of <img src="cid:…">), "[image: report.png]" (Gmail's
// text part). A body of nothing else has no words in it; the picture itself, when it arrived, is
// an attachment and is counted as one.
const IMAGE_PLACEHOLDER = /\[(?:cid:[^\]\s]*|image:[^\]\r\n]*)\]/gi;

function withoutPlaceholders(body: string): string {
  return body.replace(IMAGE_PLACEHOLDER, ' ');
}

// Elements whose content is never shown as text.
const HIDDEN_ELEMENT = /<(script|style|head|title|template)\b/iy;
// As in a browser, "<" starts markup only before a letter, "/", "!" or "?"; "a < b" is text.
const TAG_START = /^[a-z/!?]$/;
const ENTITY = /&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);?/iy;
const WHITESPACE_ENTITIES = new Set(['nbsp', 'ensp', 'emsp', 'thinsp', '#160', '#xa0', '#32', '#x20']);

/** One linear pass: tags, comments and hidden elements are skipped; an entity is one character. */
function visibleLength(body: string, isHtml: boolean): number {
  const lower = isHtml ? body.toLowerCase() : body;
  let count = 0;
  let space = false;
  let i = 0;
  const visible = (width: number): void => {
    if (space && count > 0) count++;
    space = false;
    count += 1;
    i += width;
  };
  while (i < body.length) {
    const c = body.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0) {
      space = true;
      i++;
    } else if (isHtml && c === 0x3c /* < */ && TAG_START.test(lower.charAt(i + 1))) {
      i = afterMarkup(lower, i);
      space = true;
    } else if (isHtml && c === 0x26 /* & */) {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(lower);
      if (entity !== null && WHITESPACE_ENTITIES.has(entity[1] ?? '')) {
        space = true;
        i += entity[0].length;
      } else {
        visible(entity?.[0].length ?? 1);
      }
    } else {
      visible(1);
    }
  }
  return count;
}

/** Where the text resumes after the tag, comment or hidden element opening at `start`. */
function afterMarkup(lower: string, start: number): number {
  if (lower.startsWith('<!--', start)) return endOf(lower, '-->', start + 4);
  HIDDEN_ELEMENT.lastIndex = start;
  const hidden = HIDDEN_ELEMENT.exec(lower);
  const from = hidden === null ? start : endOf(lower, `</${hidden[1] ?? ''}`, start + 1) - 1;
  return endOf(lower, '>', Math.min(from, lower.length));
}

function endOf(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}
