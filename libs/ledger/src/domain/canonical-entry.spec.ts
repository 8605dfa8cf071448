import fc from 'fast-check';
import {
  canonicalAmount,
  canonicalEntry,
  canonicalTimestamp,
  entryColumns,
  type EntryRecord,
  postingColumns,
  type PostingRecord,
  type SealableEntry,
} from './canonical-entry';

const entry: EntryRecord = {
  cooperative_id: '0190f2a4-6c3b-7000-8000-000000000001',
  id: '0190f2a4-6c3b-7000-8000-0000000000e1',
  txid: '1234567',
  posting_date: '2026-11-20',
  value_date: '2026-11-20',
  description: 'Setoran simpanan sukarela',
  source_type: 'savings.deposit',
  source_id: 'D-1',
  idempotency_key: null,
  reverses_entry_id: null,
  voucher_series: null,
  voucher_number: null,
  recorded_by: null,
  recorded_at: '2026-11-20 02:00:00.123456+00',
};

function line(lineNo: string, amount: string, extra: Partial<PostingRecord> = {}): PostingRecord {
  return {
    cooperative_id: entry.cooperative_id,
    entry_id: entry.id,
    line_no: lineNo,
    account_id: `0190f2a4-6c3b-7000-8000-00000000000${lineNo}`,
    currency: 'IDR',
    amount,
    functional_amount: amount,
    fx_rate: null,
    fx_rate_id: null,
    value_date: '2026-11-20',
    counterparty_class: null,
    agreement_id: null,
    program: null,
    sector: null,
    commodity: null,
    region: null,
    memo: null,
    balance_after: amount,
    account_version: '1',
    ...extra,
  };
}

const deposit: SealableEntry = {
  entry,
  postings: [line('1', '100000.50'), line('2', '-100000.50')],
};

const canonical = (e: SealableEntry, functional = 'IDR'): string => canonicalEntry(e, functional);
const withEntry = (change: Partial<EntryRecord>): SealableEntry => ({
  ...deposit,
  entry: { ...entry, ...change },
});
const withLine = (change: Partial<PostingRecord>): SealableEntry => ({
  ...deposit,
  postings: [{ ...deposit.postings[0], ...change }, deposit.postings[1]],
});

describe('canonical form of an entry, version 1', () => {
  it('is pinned: changing what it writes needs a new version', () => {
    // RFC 8785 JSON: an auditor's tool reproduces it, e.g. Python's
    // json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False).
    expect(canonical(deposit)).toBe(
      '{"entry":{"cooperative_id":"0190f2a4-6c3b-7000-8000-000000000001",' +
        '"description":"Setoran simpanan sukarela","id":"0190f2a4-6c3b-7000-8000-0000000000e1",' +
        '"idempotency_key":null,"posting_date":"2026-11-20",' +
        '"recorded_at":"2026-11-20T02:00:00.123456Z","recorded_by":null,' +
        '"reverses_entry_id":null,"source_id":"D-1","source_type":"savings.deposit",' +
        '"txid":"1234567","value_date":"2026-11-20","voucher_number":null,' +
        '"voucher_series":null},"form":"lumbung.journal-entry",' +
        '"postings":[{"account_id":"0190f2a4-6c3b-7000-8000-000000000001",' +
        '"account_version":"1","agreement_id":null,"amount":"100000.50",' +
        '"balance_after":"100000.50","commodity":null,' +
        '"cooperative_id":"0190f2a4-6c3b-7000-8000-000000000001","counterparty_class":null,' +
        '"currency":"IDR","entry_id":"0190f2a4-6c3b-7000-8000-0000000000e1",' +
        '"functional_amount":"100000.50","fx_rate":null,"fx_rate_id":null,"line_no":"1",' +
        '"memo":null,"program":null,"region":null,"sector":null,"value_date":"2026-11-20"},' +
        '{"account_id":"0190f2a4-6c3b-7000-8000-000000000002","account_version":"1",' +
        '"agreement_id":null,"amount":"-100000.50","balance_after":"-100000.50",' +
        '"commodity":null,"cooperative_id":"0190f2a4-6c3b-7000-8000-000000000001",' +
        '"counterparty_class":null,"currency":"IDR",' +
        '"entry_id":"0190f2a4-6c3b-7000-8000-0000000000e1","functional_amount":"-100000.50",' +
        '"fx_rate":null,"fx_rate_id":null,"line_no":"2","memo":null,"program":null,' +
        '"region":null,"sector":null,"value_date":"2026-11-20"}],"version":"1"}',
    );
  });

  it('writes SQL NULL as JSON null, apart from empty text and the text "null"', () => {
    const forms = [null, '', 'null', 'NULL'].map((sourceId) =>
      canonical(withEntry({ source_id: sourceId })),
    );
    expect(new Set(forms).size).toBe(4);
    expect(canonical(withEntry({ source_id: null }))).toContain('"source_id":null');
    expect(canonical(withEntry({ source_id: '' }))).toContain('"source_id":""');
  });

  it('writes every column, present or NULL, and nothing else', () => {
    const parsed = JSON.parse(canonical(deposit)) as {
      entry: Record<string, unknown>;
      postings: Array<Record<string, unknown>>;
    };
    expect(Object.keys(parsed.entry).sort()).toEqual(Object.keys(entryColumns).sort());
    expect(Object.keys(parsed.postings[0]).sort()).toEqual(Object.keys(postingColumns).sort());
  });

  it('refuses a record that lacks a column rather than hashing around it', () => {
    const { memo: _memo, ...partial } = deposit.postings[0];
    expect(() =>
      canonical({ ...deposit, postings: [partial as PostingRecord, deposit.postings[1]] }),
    ).toThrow(/column memo is missing/);
  });

  it('canonicalises Unicode to NFC: composed and decomposed text are one text', () => {
    const composed = 'Koperasi Café Dili – São Tomé';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(canonical(withEntry({ description: decomposed }))).toBe(
      canonical(withEntry({ description: composed })),
    );
    expect(canonical(withLine({ memo: decomposed }))).toBe(canonical(withLine({ memo: composed })));
    expect(canonical(withEntry({ description: 'Koperasi Cafe Dili' }))).not.toBe(
      canonical(withEntry({ description: composed })),
    );
  });

  it('writes amounts at the currency scale, so 100.5 and 100.50 are one amount', () => {
    expect(canonical(withLine({ amount: '100.5' }))).toBe(
      canonical(withLine({ amount: '100.50' })),
    );
    expect(canonical(withLine({ balance_after: '7' }))).toBe(
      canonical(withLine({ balance_after: '7.000' })),
    );
    expect(canonical(withLine({ amount: '100.5' }))).toContain('"amount":"100.50"');
    expect(canonical(withLine({ amount: '100.51' }))).not.toBe(
      canonical(withLine({ amount: '100.50' })),
    );
  });

  it('never rounds: an amount more precise than its currency stays distinct', () => {
    expect(canonicalAmount('100.505', 2)).toBe('100.505');
    expect(canonical(withLine({ amount: '100.505' }))).not.toBe(
      canonical(withLine({ amount: '100.50' })),
    );
    expect(canonicalAmount('-0.00', 2)).toBe('0.00');
    expect(canonicalAmount('NaN', 2)).toBe('NaN');
    expect(canonicalAmount('1e3', 0)).toBe('1000');
  });

  it("uses each currency's minor units, and the functional currency's for functional amounts", () => {
    const yen = withLine({
      currency: 'JPY',
      amount: '1500',
      fx_rate: '105.1500',
      fx_rate_id: null,
    });
    expect(canonical(yen, 'USD')).toContain('"amount":"1500"');
    expect(canonical(withLine({ currency: 'KWD', amount: '1.5' }))).toContain('"amount":"1.500"');
    expect(canonical(withLine({ functional_amount: '15' }), 'USD')).toContain(
      '"functional_amount":"15.00"',
    );
    expect(canonical(withLine({ functional_amount: '15' }), 'JPY')).toContain(
      '"functional_amount":"15"',
    );
    expect(canonical(yen, 'USD')).toContain('"fx_rate":"105.15"');
  });

  it('writes timestamps in UTC with microseconds, whatever offset they came with', () => {
    expect(canonicalTimestamp('2026-11-20 02:00:00.1+00')).toBe('2026-11-20T02:00:00.100000Z');
    expect(canonicalTimestamp('2026-11-20T10:00:00.1+08:00')).toBe('2026-11-20T02:00:00.100000Z');
    expect(canonicalTimestamp('2026-11-20 10:00:00+0800')).toBe('2026-11-20T02:00:00.000000Z');
    expect(canonicalTimestamp('2026-11-20T02:00:00Z')).toBe('2026-11-20T02:00:00.000000Z');
    expect(canonical(withEntry({ recorded_at: '2026-11-20T10:00:00.123456+08:00' }))).toBe(
      canonical(deposit),
    );
    expect(canonical(withEntry({ recorded_at: '2026-11-20 02:00:00.123457+00' }))).not.toBe(
      canonical(deposit),
    );
  });

  it('orders postings by line number, numerically', () => {
    const lines = Array.from({ length: 11 }, (_, i) => line(String(i + 1), i === 10 ? '-10' : '1'));
    const shuffled = [...lines].reverse();
    expect(canonical({ entry, postings: shuffled })).toBe(canonical({ entry, postings: lines }));
    const order = (
      JSON.parse(canonical({ entry, postings: shuffled })) as {
        postings: Array<{ line_no: string }>;
      }
    ).postings.map((p) => p.line_no);
    expect(order).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('changes when any single column of the entry or a posting changes', () => {
    const base = canonical(deposit);
    for (const column of Object.keys(entryColumns) as Array<keyof EntryRecord>) {
      const changed =
        column === 'recorded_at' ? '2026-11-21 02:00:00+00' : `${entry[column] ?? ''}9`;
      expect([column, canonical(withEntry({ [column]: changed }))]).not.toEqual([column, base]);
    }
    for (const column of Object.keys(postingColumns) as Array<keyof PostingRecord>) {
      const changed = `${deposit.postings[0][column] ?? ''}9`;
      expect([column, canonical(withLine({ [column]: changed }))]).not.toEqual([column, base]);
    }
  });

  it('is a function of the values alone, and tells different descriptions apart', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = canonical(withEntry({ description: a }));
        expect(canonical(withEntry({ description: a }))).toBe(x);
        const same = a.normalize('NFC') === b.normalize('NFC');
        expect(canonical(withEntry({ description: b })) === x).toBe(same);
      }),
    );
  });
});
