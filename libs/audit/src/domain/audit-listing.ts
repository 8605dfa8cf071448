import {
  type BusinessDate,
  type Listing,
  type ListingContext,
  listingContextFacts,
  textColumn,
} from '@lumbung/core';

/** An audit event as read back (before and after were masked when it was written). */
export interface AuditRecord {
  readonly id: string;
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly requestId: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
}

const columns = [
  'occurred_at',
  'event_id',
  'actor_id',
  'request_id',
  'action',
  'target_type',
  'target_id',
  'reason',
  'before',
  'after',
].map(textColumn);

/** A period's audit log, oldest first; before and after as JSON text, empty when absent. */
export function auditListing(
  context: ListingContext,
  period: { readonly from: BusinessDate; readonly to: BusinessDate; readonly timeZone: string },
  events: readonly AuditRecord[],
): Listing {
  const json = (value: unknown) =>
    value === null || value === undefined ? '' : JSON.stringify(value);
  return {
    title: 'Audit log',
    facts: [
      ['listing', 'audit log for a period'],
      ...listingContextFacts(context),
      ['business dates from', period.from],
      ['business dates to', period.to],
      ['days in time zone', period.timeZone],
      ['events', String(events.length)],
    ],
    columns,
    rows: events.map((event) => [
      event.occurredAt,
      event.id,
      event.actorId ?? '',
      event.requestId ?? '',
      event.action,
      event.targetType ?? '',
      event.targetId ?? '',
      event.reason ?? '',
      json(event.before),
      json(event.after),
    ]),
  };
}
