import { InvalidInputError } from '@lumbung/core';
import { parseRelatedParty } from './related-party';

const self = '01a20000-0000-7000-8000-000000000001';
const spouse = '01a20000-0000-7000-8000-000000000002';

function fields(flags: unknown, related?: unknown): string[] {
  try {
    parseRelatedParty(self, flags, related);
    return [];
  } catch (error) {
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
}

describe('parseRelatedParty', () => {
  it('keeps each flag once, in a fixed order', () => {
    expect(parseRelatedParty(self, ['staff', 'board', 'staff'], undefined)).toEqual({
      flags: ['board', 'staff'],
      relatedMemberId: null,
    });
    expect(parseRelatedParty(self, [], null)).toEqual({ flags: [], relatedMemberId: null });
  });

  it('requires the member they are family of, and only with the family flag', () => {
    expect(parseRelatedParty(self, ['family'], spouse)).toEqual({
      flags: ['family'],
      relatedMemberId: spouse,
    });
    expect(fields(['family'])).toEqual(['relatedMemberId']);
    expect(fields(['board'], spouse)).toEqual(['relatedMemberId']);
    expect(fields(['family'], self)).toEqual(['relatedMemberId']);
    expect(fields(['family'], 'not-a-uuid')).toEqual(['relatedMemberId']);
  });

  it('refuses flags outside board, supervisor, staff, family', () => {
    expect(fields(['owner'])).toEqual(['flags']);
    expect(fields('board')).toEqual(['flags']);
  });
});
