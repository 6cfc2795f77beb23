// How much readable text a body has: whitespace collapsed, markup and hidden elements not counted.
import { textCharacters } from '../../../functions/src/adapters/mail/text-characters';

describe('plain text', () => {
  test('counts characters with each run of whitespace as one space, none at the ends', () => {
    expect(textCharacters('  Dear team,\r\n\r\n\tthe report.  \n', undefined)).toBe(
      'Dear team, the report.'.length,
    );
  });

  test('is preferred to the HTML when it has any', () => {
    expect(textCharacters('Hi', '<p>Hello there</p>')).toBe(2);
  });

  test('whitespace alone is no text', () => {
    expect(textCharacters(' \r\n\u00a0\t', undefined)).toBe(0);
  });
});

describe('HTML, when there is no plain text', () => {
  test.each([
    ['<p>Our <b>report</b></p>', 'Our report'],
    ['<div>one</div><div>two</div>', 'one two'],
    ['<head><title>Title</title><style>p{}</style></head><body>Shown</body>', 'Shown'],
    ['<script type="text/javascript">var x = "<p>";</script>Shown', 'Shown'],
    ['<SCRIPT>hidden</SCRIPT>Shown', 'Shown'],
    ['Before<!-- <p>not shown</p> -->After', 'Before After'],
    ['Fish &amp; chips &pound;5&nbsp;each', 'Fish & chips £5 each'],
    ['&#163;5 &#x41;', '£5 A'],
    ['a < b and c > d', 'a < b and c > d'],
    ['<p>&nbsp;</p><p> </p>', ''],
    ['<script>never closed', ''],
    ['<p unclosed', ''],
  ])('%j has %j', (html, visible) => {
    expect(textCharacters(undefined, html)).toBe(visible.length);
    expect(textCharacters('  ', html)).toBe(visible.length);
  });

  test('counts a hostile body of thousands of unclosed script tags (its speed is in npm run bench)', () => {
    // A count that went back over the text for each tag would not finish within the test's hang guard.
    const hostile = '<script>'.repeat(50_000) + 'x'.repeat(1_000_000);
    expect(textCharacters(undefined, hostile)).toBe(0);
  });
});
