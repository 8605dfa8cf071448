import { businessDate, type FieldProblem, InvalidInputError, Money } from '@lumbung/core';
import {
  isCashOrBank,
  type JournalAccountFacts,
  journalAccountRefusal,
  journalDebits,
  parseJournalDraft,
  valueDateProblem,
  voucherTypeOf,
} from './manual-journal';

const bankCharges = {
  description: 'Biaya administrasi bank',
  attachmentReference: 'RK-BRI-2026-11 hal. 3',
  lines: [
    { accountCode: '5-2107', debit: '25000.00', currency: 'IDR', counterpartyClass: 'non_member' },
    { accountCode: '1-1201', credit: '25000', currency: 'IDR' },
  ],
};

function problemsOf(input: unknown): string[] {
  try {
    parseJournalDraft(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors.map((e: FieldProblem) => `${e.field}: ${e.message}`);
  }
  throw new Error('expected the journal to be refused');
}

describe('parseJournalDraft', () => {
  it('reads debits as positive and credits as negative amounts', () => {
    const draft = parseJournalDraft({ ...bankCharges, valueDate: '2026-11-18' });
    expect(draft.lines.map((l) => l.amount.toString())).toEqual(['25000.00', '-25000.00']);
    expect(draft.lines[0].counterpartyClass).toBe('non_member');
    expect(draft.valueDate).toBe('2026-11-18');
    expect(journalDebits(draft, 'IDR').toString()).toBe('25000.00');
  });

  it('refuses unbalanced lines, naming the difference', () => {
    const lines = [bankCharges.lines[0], { ...bankCharges.lines[1], credit: '24000' }];
    expect(problemsOf({ ...bankCharges, lines })).toEqual([
      'lines: IDR debits and credits differ by 1000.00',
    ]);
  });

  it('names every bad line and field at once', () => {
    const problems = problemsOf({
      description: ' ',
      attachmentReference: 'x'.repeat(301),
      valueDate: '18-11-2026',
      lines: [
        { accountCode: '5-2107', debit: '1.001', currency: 'IDR' },
        { accountCode: '1-1201', debit: '5', credit: '5', currency: 'IDR' },
        { accountCode: '', credit: '-3', currency: 'IDR', dimensions: { colour: 'red' } },
        { accountCode: '1-1101', credit: '3', currency: 'IDR', counterpartyClass: 'friend' },
      ],
    });
    expect(problems).toEqual([
      'description: 1 to 500 characters',
      'attachmentReference: 1 to 300 characters',
      'valueDate: a date YYYY-MM-DD',
      'lines[0].debit: at most 2 decimal places for IDR',
      'lines[1]: exactly one of debit or credit',
      'lines[2].accountCode: an account code such as "5-2107"',
      'lines[2].credit: must be positive',
      'lines[2].dimensions.colour: unknown; dimensions are agreementId, program, sector, commodity, region',
      'lines[3].counterpartyClass: member, non_member, partner_cooperative',
    ]);
  });

  it('needs two lines at least', () => {
    expect(problemsOf({ ...bankCharges, lines: [bankCharges.lines[0]] })).toContain(
      'lines: 2 to 100 lines',
    );
  });
});

describe('voucherTypeOf', () => {
  const line = (cashOrBank: boolean, amount: string) => ({
    cashOrBank,
    amount: Money.parse(amount, 'IDR'),
  });

  it('is BKM when only cash or bank is debited, BKK when credited, BM without them', () => {
    expect(voucherTypeOf([line(true, '10'), line(false, '-10')])).toBe('BKM');
    expect(voucherTypeOf([line(false, '10'), line(true, '-10')])).toBe('BKK');
    expect(voucherTypeOf([line(false, '10'), line(false, '-10')])).toBe('BM');
  });

  it('makes a transfer between cash and bank a payment voucher', () => {
    expect(voucherTypeOf([line(true, '10'), line(true, '-10')])).toBe('BKK');
  });
});

describe('journalAccountRefusal', () => {
  const expense: JournalAccountFacts = {
    code: '5-2107',
    isLeaf: true,
    class: 'expense',
    currency: 'IDR',
    holder: 'general',
    templateKey: 'expense.bank-charges',
    parentTemplateKey: 'expenses.operating',
  };

  it('opens GL leaves of the template in the functional currency', () => {
    expect(journalAccountRefusal(expense, 'IDR')).toBeNull();
    expect(journalAccountRefusal(expense, 'USD')).toBe('foreign-currency-account');
  });

  it('refuses headings, member accounts and memorandum', () => {
    expect(journalAccountRefusal({ ...expense, isLeaf: false }, 'IDR')).toBe('not-a-leaf');
    expect(
      journalAccountRefusal(
        { ...expense, class: 'liability', holder: 'member', templateKey: null },
        'IDR',
      ),
    ).toBe('member-account');
    expect(
      journalAccountRefusal({ ...expense, class: 'memorandum', templateKey: 'memo.contra' }, 'IDR'),
    ).toBe('memorandum-account');
  });

  it('refuses leaves a domain opened or keeps as a sub-ledger, but not bank accounts', () => {
    const till = { ...expense, class: 'asset' as const, templateKey: null };
    expect(journalAccountRefusal({ ...till, parentTemplateKey: 'cash.tills' }, 'IDR')).toBe(
      'control-account',
    );
    expect(journalAccountRefusal({ ...till, parentTemplateKey: 'bank' }, 'IDR')).toBeNull();
    expect(journalAccountRefusal({ ...expense, templateKey: 'expense.provisions' }, 'IDR')).toBe(
      'control-account',
    );
  });

  it('counts the vault and bank accounts as cash or bank, tills not', () => {
    expect(isCashOrBank({ parentTemplateKey: 'cash' })).toBe(true);
    expect(isCashOrBank({ parentTemplateKey: 'bank' })).toBe(true);
    expect(isCashOrBank({ parentTemplateKey: 'cash.tills' })).toBe(false);
  });
});

describe('valueDateProblem', () => {
  const today = businessDate('2026-11-20');

  it('allows the business date and earlier, never later', () => {
    expect(valueDateProblem(undefined, today)).toBeNull();
    expect(valueDateProblem(businessDate('2026-11-03'), today)).toBeNull();
    expect(valueDateProblem(businessDate('2026-11-21'), today)).toMatch(/after the business date/);
  });
});
