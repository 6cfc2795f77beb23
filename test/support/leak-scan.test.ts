// The leak scan the harnesses run at stop finds what it is there to find, and passes what is not a leak.
import { leaksIn } from './leak-scan';

test('finds stack frames, paths of this machine, people’s addresses and the fixtures’ names', () => {
  expect(leaksIn(['    at handle (/srv/app/dist/api.js:12:7)'])).toHaveLength(1);
  expect(leaksIn([`{"message":"read ${process.cwd()}/var/x"}`]).length).toBeGreaterThan(0);
  expect(leaksIn(['{"message":"sent","to":"parent.one@example.com"}'])).toHaveLength(1);
  expect(leaksIn(['{"message":"must be an address, not \\"Jane Smithson\\""}'])).toHaveLength(2);
});

test('passes references, codes and the council’s own mailboxes', () => {
  expect(
    leaksIn([
      '{"severity":"INFO","message":"request","route":"/conferences/:ref","status":404,"code":"CONFERENCE.NOT_FOUND"}',
      '{"message":"intake.watch","mailbox":"childprotectioninvitereportrequest@hackney.gov.uk","reference":"CPC-7F3K"}',
      '{"message":"signed","account":"conference-desk@council-project.iam.gserviceaccount.com"}',
    ]),
  ).toEqual([]);
});
