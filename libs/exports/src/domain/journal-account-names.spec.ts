import { journalComponent, JournalAccountNames } from './journal-account-names';

describe('journal account names (hledger and Beancount)', () => {
  const names = new JournalAccountNames([
    { id: 'h1', code: '1', parentId: null },
    { id: 'h1-1', code: '1-1', parentId: 'h1' },
    { id: 'h1-11', code: '1-11', parentId: 'h1-1' },
    { id: 'h2', code: '2', parentId: null },
    { id: 'h2-1', code: '2-1', parentId: 'h2' },
    { id: 'h9', code: '9', parentId: null },
    { id: 'odd', code: 'kas kecil', parentId: 'h1' },
  ]);

  it('roots the class and walks the headings down to the leaf code', () => {
    expect(names.nameOf({ class: 'asset', code: '1-1101', parentId: 'h1-11' })).toBe(
      'Assets:1:1-1:1-11:1-1101',
    );
    expect(names.nameOf({ class: 'liability', code: '2-1-000123', parentId: 'h2-1' })).toBe(
      'Liabilities:2:2-1:2-1-000123',
    );
    expect(names.nameOf({ class: 'equity', code: '3-3901', parentId: null })).toBe('Equity:3-3901');
    expect(names.nameOf({ class: 'income', code: '4-1101', parentId: null })).toBe('Income:4-1101');
    expect(names.nameOf({ class: 'expense', code: '5-1101', parentId: null })).toBe(
      'Expenses:5-1101',
    );
  });

  it('puts memorandum accounts under Assets (Beancount has five roots), heading and contra together', () => {
    expect(names.nameOf({ class: 'memorandum', code: '9-1101', parentId: 'h9' })).toBe(
      'Assets:9:9-1101',
    );
    expect(names.nameOf({ class: 'memorandum', code: '9-9101', parentId: 'h9' })).toBe(
      'Assets:9:9-9101',
    );
  });

  it('keeps valid codes and hex-escapes any other, one to one', () => {
    expect(journalComponent('1-1102-0001')).toBe('1-1102-0001');
    expect(journalComponent('2-1-SUKARELA')).toBe('2-1-SUKARELA');
    expect(journalComponent('Kas')).toBe('Kas');
    expect(journalComponent('kas kecil')).toBe('X--6B6173206B6563696C');
    expect(journalComponent('1--2')).toBe('X--312D2D32');
    expect(journalComponent('1-')).toBe('X--312D');
    expect(journalComponent('-1')).toBe('X--2D31');
    expect(journalComponent('1.2')).toBe('X--312E32');
    expect(journalComponent('Ré')).toBe('X--52C3A9');
    // An escaped name always holds "--", a kept one never does.
    for (const code of ['1--2', 'a', 'X--31', '1:2', '']) {
      expect(journalComponent(code)).toMatch(/--/);
    }
    expect(names.nameOf({ class: 'asset', code: 'x', parentId: 'odd' })).toBe(
      'Assets:1:X--6B6173206B6563696C:X--78',
    );
  });

  it('every component is valid for Beancount: a capital or digit first, then letters, digits, hyphens', () => {
    const component = /^[A-Z0-9][A-Za-z0-9-]*$/;
    for (const code of ['1-1101', 'kas kecil', 'Ré', '1:2', '(x)', ' ', '9-9101']) {
      expect(journalComponent(code)).toMatch(component);
    }
  });

  it('refuses a chart whose heading is missing or loops', () => {
    expect(() => names.nameOf({ class: 'asset', code: '1', parentId: 'nowhere' })).toThrow(
      /not in the chart/,
    );
    const looped = new JournalAccountNames([
      { id: 'a', code: 'A', parentId: 'b' },
      { id: 'b', code: 'B', parentId: 'a' },
    ]);
    expect(() => looped.nameOf({ class: 'asset', code: 'L', parentId: 'a' })).toThrow(
      /own ancestor/,
    );
  });
});
