import { isUuid, uuidv7 } from './uuid-v7';

describe('uuidv7', () => {
  it('is a version 7 UUID with the timestamp up front', () => {
    const id = uuidv7(Date.UTC(2026, 0, 1));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(id.slice(0, 13).replace('-', '')).toBe(
      Date.UTC(2026, 0, 1).toString(16).padStart(12, '0'),
    );
  });

  it('sorts by creation time', () => {
    const earlier = uuidv7(1_000);
    const later = uuidv7(2_000);
    expect(earlier < later).toBe(true);
  });

  it('recognises UUIDs of every version and the nil UUID, nothing else', () => {
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000001')).toBe(false);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
