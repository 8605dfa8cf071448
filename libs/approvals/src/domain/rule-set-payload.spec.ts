import type { InvalidInputError } from '@lumbung/core';
import { parseRuleSetPayload, type RuledType } from './rule-set-payload';

const types: Record<string, RuledType> = {
  'test.transfer': { movesMoney: true },
  'ledger.period.reopen': { movesMoney: false },
};
const lookup = (type: string): RuledType | undefined => types[type];

function problems(payload: unknown): string[] {
  try {
    parseRuleSetPayload(payload, lookup);
  } catch (error) {
    const invalid = error as InvalidInputError;
    expect(invalid.status).toBe(400);
    return invalid.errors.map((e) => e.field);
  }
  throw new Error('not refused');
}

const tier = (minEquivalent: unknown, requiredApprovals: unknown, approverRoles: unknown) => ({
  minEquivalent,
  requiredApprovals,
  approverRoles,
});

describe('parseRuleSetPayload', () => {
  it('normalises: sorted by threshold, plain thresholds, roles deduplicated in a fixed order', () => {
    const parsed = parseRuleSetPayload(
      {
        type: 'test.transfer',
        tiers: [
          tier('1000000.00', 2, ['supervisor', 'manager', 'manager']),
          tier('0.00', 1, ['teller']),
        ],
      },
      lookup,
    );
    expect(parsed).toEqual({
      type: 'test.transfer',
      tiers: [
        { minEquivalent: '0', requiredApprovals: 1, approverRoles: ['teller'] },
        {
          minEquivalent: '1000000',
          requiredApprovals: 2,
          approverRoles: ['manager', 'supervisor'],
        },
      ],
    });
  });

  it('accepts no tiers: the default rule applies again', () => {
    expect(parseRuleSetPayload({ type: 'ledger.period.reopen', tiers: [] }, lookup).tiers).toEqual(
      [],
    );
  });

  it('refuses an action type without an executor, and a payload that is not an object', () => {
    expect(problems({ type: 'ledger.nothing', tiers: [] })).toEqual(['type']);
    expect(problems(null)).toEqual(['type', 'tiers']);
  });

  it.each([0, 6, 1.5, '2', null])('refuses requiredApprovals %p', (required) => {
    expect(problems({ type: 'test.transfer', tiers: [tier('0', required, ['manager'])] })).toEqual([
      'tiers[0].requiredApprovals',
    ]);
  });

  it.each([[[]], [['cashier']], ['manager'], [undefined]])('refuses approverRoles %p', (roles) => {
    expect(problems({ type: 'test.transfer', tiers: [tier('0', 1, roles)] })).toEqual([
      'tiers[0].approverRoles',
    ]);
  });

  it.each(['-1', '1e6', 1000, '', ' 5'])('refuses minEquivalent %p', (min) => {
    expect(
      problems({
        type: 'test.transfer',
        tiers: [tier('0', 1, ['manager']), tier(min, 1, ['manager'])],
      }),
    ).toEqual(['tiers[1].minEquivalent']);
  });

  it('refuses the same threshold twice, however it is written', () => {
    expect(
      problems({
        type: 'test.transfer',
        tiers: [
          tier('0', 1, ['manager']),
          tier('500', 2, ['manager']),
          tier('500.00', 3, ['manager']),
        ],
      }),
    ).toEqual(['tiers']);
  });

  it('refuses tiers that leave small amounts uncovered', () => {
    expect(problems({ type: 'test.transfer', tiers: [tier('100', 1, ['manager'])] })).toEqual([
      'tiers',
    ]);
  });

  it('refuses thresholds above zero for a type that moves no money', () => {
    expect(
      problems({
        type: 'ledger.period.reopen',
        tiers: [tier('0', 1, ['manager']), tier('10', 2, ['manager'])],
      }),
    ).toEqual(['tiers[1].minEquivalent']);
  });

  it('refuses a money type approved by admins alone, but not a type without money', () => {
    expect(problems({ type: 'test.transfer', tiers: [tier('0', 1, ['admin'])] })).toEqual([
      'tiers[0].approverRoles',
    ]);
    expect(
      parseRuleSetPayload(
        { type: 'test.transfer', tiers: [tier('0', 1, ['admin', 'manager'])] },
        lookup,
      ).tiers[0].approverRoles,
    ).toEqual(['manager', 'admin']);
    expect(
      parseRuleSetPayload(
        { type: 'ledger.period.reopen', tiers: [tier('0', 1, ['admin'])] },
        lookup,
      ).tiers[0].approverRoles,
    ).toEqual(['admin']);
  });

  it('refuses more than ten tiers', () => {
    const many = Array.from({ length: 11 }, (_, i) => tier(String(i), 1, ['manager']));
    expect(problems({ type: 'test.transfer', tiers: many })).toEqual(['tiers']);
  });
});
