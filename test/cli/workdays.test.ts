// `conference-desk workdays`, run as a person runs it.
import { cli, lines, npx } from '../support/run-cli';

describe('conference-desk workdays', () => {
  test('prints the date N working days after --from', () => {
    const r = cli('workdays', '--nation', 'england-and-wales', '--from', '2026-12-24', '--add', '1');
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '2026-12-29\n', '']);
  });

  test('counts back when N is negative', () => {
    expect(cli('workdays', '--from', '2027-01-04', '--add', '-1').stdout).toBe('2026-12-31\n');
    expect(cli('workdays', '--from=2027-01-04', '--add=-3').stdout).toBe('2026-12-29\n');
  });

  test("uses the nation's own bank holidays", () => {
    expect(cli('workdays', '--nation', 'scotland', '--from', '2026-11-27', '--add', '1').stdout).toBe(
      '2026-12-01\n',
    );
    expect(cli('workdays', '--nation', 'northern-ireland', '--from', '2026-07-10', '--add', '1').stdout).toBe(
      '2026-07-14\n',
    );
  });

  test('works through npx right after install', () => {
    const r = npx('conference-desk', 'workdays', '--from', '2026-12-31', '--add', '1');
    expect([r.status, lines(r.stdout)]).toEqual([0, ['2027-01-04']]);
  });

  test('bad input exits non-zero with one line per problem, naming the flag, and no stack trace', () => {
    const r = cli('workdays', '--nation', 'wales', '--from', '2026-02-30', '--add', 'three', '--to', 'x');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual([
      'conference-desk workdays: --to: is not an option of workdays',
      'conference-desk workdays: --nation: must be one of england-and-wales, scotland, northern-ireland',
      'conference-desk workdays: --from: is not a real date',
      'conference-desk workdays: --add: must be a whole number from -2600 to 2600',
    ]);
  });

  test('missing flags are named', () => {
    expect(lines(cli('workdays').stderr)).toEqual([
      'conference-desk workdays: --from: is required',
      'conference-desk workdays: --add: is required',
    ]);
  });

  test('a date beyond the holiday data is refused with a reason', () => {
    const r = cli('workdays', '--from', '2150-01-01', '--add', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--from: must be in the years 1990 to 2099, which the calendar knows/);
    expect(r.stderr).not.toContain('2150');
  });

  test('a date worked out beyond the holiday data exits 2 with the reason, not as unexpected', () => {
    const r = cli('workdays', '--from', '2099-12-30', '--add', '5');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/outside the years 1990-2099/);
    expect(r.stderr).not.toMatch(/unexpected/);
  });
});

describe('conference-desk', () => {
  test('explains its commands with --help', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/workdays[\s\S]*timeline[\s\S]*policy/);
  });

  test('explains a command with --help', () => {
    expect(cli('timeline', '--help').stdout).toMatch(/--strategy-discussion DATE/);
  });

  test('refuses an unknown command', () => {
    const r = cli('book');
    expect([r.status, lines(r.stderr)]).toEqual([
      2,
      ['conference-desk: "book" is not a command; expected one of workdays, timeline, policy, dev-token'],
    ]);
  });
});
