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
});
