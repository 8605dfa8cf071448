import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it('is SHA-256 of the UTF-8 bytes, in lower-case hex', () => {
    // FIPS 180-2 test vectors.
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // U+00E9 hashes as its two UTF-8 bytes c3 a9, not as one Latin-1 byte.
    expect(sha256Hex('\u00e9')).toBe(
      '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c',
    );
  });
});
