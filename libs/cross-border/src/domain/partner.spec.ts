import { InvalidInputError } from '@lumbung/core';
import { parsePartner, parsePartnerChange } from './partner';

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

const dili = {
  country: 'TL',
  legalName: 'Cooperativa Credito Unio Dili',
  registryNumber: 'TL-COOP-2019-0042',
  functionalCurrency: 'USD',
  officers: [{ fullName: 'Joana da Silva', position: 'Presidente' }],
};

describe('partner cooperatives', () => {
  it('reads a partner abroad, trimmed, unrelated by default', () => {
    expect(parsePartner({ ...dili, legalName: '  Cooperativa Credito Unio Dili ' }, 'ID')).toEqual({
      ...dili,
      relatedParty: false,
      lumbungCooperativeId: null,
    });
  });

  it('names every bad field at once', () => {
    expect(
      fieldsOf(() =>
        parsePartner(
          {
            country: 'XX',
            legalName: '',
            functionalCurrency: 'ABC',
            officers: [{ fullName: 'A' }],
            relatedParty: 'yes',
          },
          'ID',
        ),
      ),
    ).toEqual([
      'country',
      'legalName',
      'registryNumber',
      'functionalCurrency',
      'officers[0].position',
      'relatedParty',
    ]);
  });

  it('refuses a partner in the lender’s own country and one without officers', () => {
    expect(fieldsOf(() => parsePartner({ ...dili, country: 'ID' }, 'ID'))).toEqual(['country']);
    expect(fieldsOf(() => parsePartner({ ...dili, officers: [] }, 'ID'))).toEqual(['officers']);
  });

  it('changes only what may change, and something', () => {
    expect(parsePartnerChange({ status: 'suspended', relatedParty: true })).toEqual({
      status: 'suspended',
      relatedParty: true,
    });
    expect(fieldsOf(() => parsePartnerChange({}))).toEqual(['body']);
    expect(fieldsOf(() => parsePartnerChange({ status: 'gone' }))).toEqual(['status']);
  });
});
