import type { BusinessDate } from '@lumbung/core';
import { auditListing } from './audit-listing';

describe('audit log listing', () => {
  it('keeps before and after as JSON text, and absent values empty', () => {
    const listing = auditListing(
      { cooperative: { code: 'KSP-X', name: 'KSP X' }, readAt: 'T', identityNumbers: 'masked' },
      {
        from: '2027-01-01' as BusinessDate,
        to: '2027-01-31' as BusinessDate,
        timeZone: 'Asia/Makassar',
      },
      [
        {
          id: 'e1',
          occurredAt: '2027-01-02T01:00:00.000Z',
          actorId: null,
          requestId: null,
          action: 'members.member.update',
          targetType: 'member',
          targetId: 'm1',
          before: { phone: '0812', identityNumber: '************1234' },
          after: null,
          reason: null,
        },
      ],
    );
    const row = Object.fromEntries(listing.columns.map((c, i) => [c.name, listing.rows[0][i]]));
    expect(row).toEqual({
      occurred_at: '2027-01-02T01:00:00.000Z',
      event_id: 'e1',
      actor_id: '',
      request_id: '',
      action: 'members.member.update',
      target_type: 'member',
      target_id: 'm1',
      reason: '',
      before: '{"phone":"0812","identityNumber":"************1234"}',
      after: '',
    });
    expect(listing.facts).toContainEqual(['days in time zone', 'Asia/Makassar']);
  });
});
