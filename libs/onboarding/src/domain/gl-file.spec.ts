import { accountCodesIn, type GlAccountFacts, type GlContext, parseGlFile } from './gl-file';

const leaf = (
  code: string,
  cls: GlAccountFacts['class'],
  templateKey: string | null,
  more: Partial<GlAccountFacts> = {},
): GlAccountFacts => ({
  id: `id-${code}`,
  code,
  isLeaf: true,
  class: cls,
  currency: 'IDR',
  holder: 'general',
  templateKey,
  parentTemplateKey: 'parent',
  ...more,
});
const accounts = [
  leaf('1-1101', 'asset', 'cash.vault'),
  leaf('1-1201', 'asset', 'bank.operating'),
  leaf('1-1202', 'asset', null, { parentTemplateKey: 'bank' }),
  leaf('1-13', 'asset', 'loans', { isLeaf: false }),
  leaf('1-13-00000001', 'asset', null, { holder: 'member' }),
  leaf('1-1102-01', 'asset', null),
  leaf('1-1901', 'asset', 'fx.position'),
  leaf('1-1701', 'asset', 'provisions.general', { parentTemplateKey: 'provisions' }),
  leaf('3-3101', 'equity', 'equity.reserve'),
  leaf('3-3901', 'equity', 'equity.opening'),
  leaf('4-1101', 'income', 'income.loan-interest'),
  leaf('5-2101', 'expense', 'expense.salaries'),
  leaf('9-1102', 'memorandum', 'memo.written-off'),
  leaf('1-1299', 'asset', 'bank.usd', { currency: 'USD' }),
];
const context: GlContext = {
  currency: 'IDR',
  accounts: new Map(accounts.map((a) => [a.code, a])),
  counterpartyClasses: ['member', 'non_member', 'partner_cooperative'],
  domainOwnedTemplateKeys: new Set(['fx.position', 'income.loan-interest']),
};
const header = 'account_code,debit,credit,counterparty_class';

describe('parseGlFile', () => {
  it('signs debits and credits, and nets them', () => {
    const text = [
      header,
      '1-1101,1000.50,,',
      '1-1202,200,,',
      '3-3101,,900,',
      '4-1101,,400,member',
      '5-2101,100,,non_member',
    ].join('\n');
    expect(accountCodesIn(text)).toEqual(['1-1101', '1-1202', '3-3101', '4-1101', '5-2101']);
    const file = parseGlFile(text, context);
    expect(file.problems).toEqual([]);
    expect(file.net.toString()).toBe('0.50');
    expect(file.lines.map((l) => [l.row, l.accountId, l.amount.toString()])).toEqual([
      [2, 'id-1-1101', '1000.50'],
      [3, 'id-1-1202', '200.00'],
      [4, 'id-3-3101', '-900.00'],
      [5, 'id-4-1101', '-400.00'],
      [6, 'id-5-2101', '100.00'],
    ]);
  });

  it('refuses accounts whose balance comes from elsewhere, and malformed rows', () => {
    const rows = [
      '9-9999,1,,',
      '1-13,1,,',
      '1-13-00000001,1,,',
      '1-1102-01,1,,',
      '1-1901,1,,',
      '3-3901,,1,',
      '9-1102,1,,',
      '1-1299,1,,',
      '1-1101,1,1,',
      '1-1201,,,',
      '1-1101,2,,',
      '5-2101,1,,',
      '4-1101,,1,staff',
      '3-3101,,1,member',
      '1-1701,,1,',
    ];
    const file = parseGlFile([header, ...rows].join('\n'), context);
    const problem = (row: number, column: string, message: string) => ({
      file: 'gl.csv',
      row,
      column,
      message,
    });
    expect(file.problems).toEqual([
      problem(2, 'account_code', 'no account 9-9999 in the chart'),
      problem(3, 'account_code', '1-13: a heading: balances open on its leaves'),
      problem(
        4,
        'account_code',
        "1-13-00000001: a member's account: its balance comes from savings.csv or loans.csv",
      ),
      problem(
        5,
        'account_code',
        '1-1102-01: a leaf its domain opened (till, product control or interest leaf): its balance comes with that domain',
      ),
      problem(6, 'account_code', '1-1901: its balance is a sub-ledger kept by its own domain'),
      problem(
        7,
        'account_code',
        '3-3901: the opening entries balance against it: it is never listed',
      ),
      problem(8, 'account_code', '9-1102: memorandum accounts are kept by the loans they record'),
      problem(9, 'account_code', '1-1299: kept in USD, not IDR'),
      problem(10, 'debit', 'exactly one of debit and credit holds an amount above zero'),
      problem(11, 'debit', 'exactly one of debit and credit holds an amount above zero'),
      problem(12, 'account_code', '1-1101 is already on row 10'),
      problem(
        13,
        'counterparty_class',
        'required on expense accounts (member, non_member, partner_cooperative)',
      ),
      problem(
        14,
        'counterparty_class',
        '"staff" is not one of member, non_member, partner_cooperative',
      ),
      problem(15, 'counterparty_class', 'only income and expense rows carry one'),
      problem(
        16,
        'account_code',
        "1-1701: the end of day rebuilds the allowance from each loan's grade: bring a general allowance over as reserves",
      ),
    ]);
  });
});
