import { type BusinessDate, InvalidInputError } from '@lumbung/core';
import { parseContact, parseRegistration, type RegistrationInput } from './member-details';

const today = '2026-11-20' as BusinessDate;
const nik = { type: 'nik', number: '5371014507900001' };

function problems(input: RegistrationInput): string[] {
  try {
    parseRegistration(input, today);
    return [];
  } catch (error) {
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
}

describe('parseRegistration', () => {
  it('takes birth date and sex from a NIK and tidies the rest', () => {
    expect(
      parseRegistration(
        {
          fullName: '  Maria   da Costa ',
          identity: nik,
          phone: '0812-3456-7890',
          address: ' Jl. El Tari 5,\n Kupang ',
        },
        today,
      ),
    ).toEqual({
      fullName: 'Maria da Costa',
      identity: { type: 'nik', number: '5371014507900001', birthDate: '1990-07-05', sex: 'female' },
      birthDate: '1990-07-05',
      sex: 'female',
      phone: '081234567890',
      address: 'Jl. El Tari 5, Kupang',
      businessProfile: null,
    });
  });

  it('refuses a stated birth date or sex that disagrees with the NIK, naming the field', () => {
    expect(
      problems({ fullName: 'Maria', identity: nik, birthDate: '1990-07-05', sex: 'female' }),
    ).toEqual([]);
    expect(problems({ fullName: 'Maria', identity: nik, birthDate: '1990-07-06' })).toEqual([
      'birthDate',
    ]);
    expect(problems({ fullName: 'Maria', identity: nik, sex: 'male' })).toEqual(['sex']);
  });

  it('keeps stated birth date and sex for documents that do not carry them', () => {
    const idu = { type: 'tl-idu', number: '0123456789' };
    expect(parseRegistration({ fullName: 'João', identity: idu }, today)).toMatchObject({
      birthDate: null,
      sex: null,
    });
    expect(
      parseRegistration(
        { fullName: 'João', identity: idu, birthDate: '1988-03-01', sex: 'male' },
        today,
      ),
    ).toMatchObject({ birthDate: '1988-03-01', sex: 'male' });
    expect(problems({ fullName: 'João', identity: idu, birthDate: '2026-11-21' })).toEqual([
      'birthDate',
    ]);
    expect(problems({ fullName: 'João', identity: idu, birthDate: '1988-02-30' })).toEqual([
      'birthDate',
    ]);
  });

  it('lists every bad field at once', () => {
    expect(
      problems({
        fullName: '  ',
        identity: { type: 'nik', number: '1234' },
        sex: 'x',
        phone: 'call me',
        businessProfile: { sector: 'mining' },
      }),
    ).toEqual(['fullName', 'identity.number', 'sex', 'phone', 'businessProfile.sector']);
    expect(problems({ fullName: '12345', identity: nik })).toEqual(['fullName']);
    expect(problems({})).toEqual(['fullName', 'identity.type']);
  });
});

describe('parseContact', () => {
  it('keeps undefined (no change) apart from null (clear)', () => {
    expect(parseContact({})).toEqual({ phone: undefined, address: undefined });
    expect(parseContact({ phone: null, address: 'Dili' })).toEqual({
      phone: null,
      address: 'Dili',
    });
    expect(parseContact({ phone: '+670 7723 4567' })).toEqual({
      phone: '+67077234567',
      address: undefined,
    });
  });
});
