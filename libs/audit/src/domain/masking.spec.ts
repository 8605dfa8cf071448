import { maskIdentifier, maskPersonalData } from './masking';

describe('masking personal data', () => {
  it('keeps only the last four characters of an identity number', () => {
    expect(maskIdentifier('5371014507900001')).toBe('************0001');
    expect(maskIdentifier('abc')).toBe('**c');
  });

  it('masks identity fields at any depth and leaves the rest alone', () => {
    const masked = maskPersonalData({
      name: 'Maria da Costa',
      identityDocument: { type: 'NIK', identityNumber: '5371014507900001' },
      documents: [{ mykad: '900101-12-5678' }],
      amount: '1000.00',
    });
    expect(masked).toEqual({
      name: 'Maria da Costa',
      identityDocument: { type: 'NIK', identityNumber: '************0001' },
      documents: [{ mykad: '**********5678' }],
      amount: '1000.00',
    });
  });
});
