import { AuditLog } from '@lumbung/audit';
import {
  ConflictError,
  type FieldProblem,
  InvalidInputError,
  isUuid,
  NotFoundError,
  RuleViolationError,
  uuidv7,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import {
  bankAccounts,
  type BankAccountRecord,
  insertBankAccount,
  lockBankKey,
  openedBankLeaves,
} from '../infrastructure/bank-store';
import { accountFacts } from '../infrastructure/account-facts';
import { BusinessDayService } from './business-day.service';
import { ChartService } from './chart.service';

/** The bank heading of the chart template (`1-12` Bank). */
export const bankHeadingCode = '1-12';

export interface OpenBankAccount {
  readonly bankName: string;
  readonly accountNumber: string;
  readonly accountName: string;
  /** An existing leaf under the bank heading (the chart's `1-1201`); a new leaf when absent. */
  readonly ledgerAccountCode?: string;
}

const accountNumberPattern = /^[0-9A-Za-z.-]{1,40}$/;

/**
 * The cooperative's bank accounts: each is a leaf under the bank heading, in the functional
 * currency, either the chart's `1-1201` Rekening Bank Operasional or a leaf opened for it
 * (`1-12-NNNN`), the way domains open leaves under their headings. Manual journals and the
 * statement matching use them.
 */
@Injectable()
export class BankAccountService {
  constructor(
    private readonly charts: ChartService,
    private readonly days: BusinessDayService,
    private readonly audit: AuditLog,
  ) {}

  async open(
    tx: Tx,
    cooperativeId: string,
    actorId: string,
    input: OpenBankAccount,
  ): Promise<BankAccountRecord> {
    checkOpening(input);
    await lockBankKey(tx, cooperativeId);
    const { functionalCurrency } = await this.days.enter(tx, cooperativeId);
    const [taken] = await bankAccounts(tx, cooperativeId, input);
    if (taken) {
      throw new ConflictError(
        'bank-account-exists',
        'Bank account exists',
        `${input.bankName} ${input.accountNumber} is already registered`,
        { bankAccountId: taken.id },
      );
    }
    const heading = await this.charts.accountByCode(tx, cooperativeId, bankHeadingCode);
    const ledgerAccountId = input.ledgerAccountCode
      ? await this.existingLeaf(tx, cooperativeId, input.ledgerAccountCode, functionalCurrency)
      : (
          await this.charts.openLeaf(tx, cooperativeId, {
            parentId: heading.id,
            code: `${bankHeadingCode}-${String((await openedBankLeaves(tx, cooperativeId, heading.id)) + 1).padStart(4, '0')}`,
            name: `${input.bankName} ${input.accountNumber}`.slice(0, 200),
            currency: functionalCurrency,
          })
        ).id;
    const id = uuidv7();
    await insertBankAccount(tx, cooperativeId, {
      id,
      ledgerAccountId,
      bankName: input.bankName,
      accountNumber: input.accountNumber,
      accountName: input.accountName,
      currency: functionalCurrency,
      openedBy: actorId,
    });
    const [opened] = await bankAccounts(tx, cooperativeId, { id });
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.bank-account.open',
      targetType: 'bank_account',
      targetId: id,
      after: { ...opened },
      actorId,
    });
    return opened;
  }

  list(tx: Tx, cooperativeId: string): Promise<BankAccountRecord[]> {
    return bankAccounts(tx, cooperativeId);
  }

  async get(tx: Tx, cooperativeId: string, bankAccountId: string): Promise<BankAccountRecord> {
    const [found] = isUuid(bankAccountId)
      ? await bankAccounts(tx, cooperativeId, { id: bankAccountId })
      : [];
    if (!found) throw new NotFoundError('Bank account', bankAccountId);
    return found;
  }

  /** A leaf under the bank heading, in the functional currency, not yet another account's. */
  private async existingLeaf(
    tx: Tx,
    cooperativeId: string,
    code: string,
    functionalCurrency: string,
  ): Promise<string> {
    const account = (await accountFacts(tx, cooperativeId, [code])).get(code);
    if (!account) throw new NotFoundError('Account', code);
    if (!account.isLeaf || account.parentTemplateKey !== 'bank') {
      throw new RuleViolationError(
        'not-a-bank-leaf',
        'Not a bank leaf',
        `Account ${code} is not a leaf under the bank heading ${bankHeadingCode}`,
        { field: 'ledgerAccountCode' },
      );
    }
    if (account.currency !== functionalCurrency) {
      throw new RuleViolationError(
        'not-a-bank-leaf',
        'Not a bank leaf',
        `Account ${code} is in ${account.currency}: bank accounts are in ${functionalCurrency}`,
        { field: 'ledgerAccountCode' },
      );
    }
    const [registered] = await bankAccounts(tx, cooperativeId, { ledgerAccountId: account.id });
    if (registered) {
      throw new ConflictError(
        'bank-account-exists',
        'Bank account exists',
        `Account ${code} is already ${registered.bankName} ${registered.accountNumber}`,
        { bankAccountId: registered.id },
      );
    }
    return account.id;
  }
}

function checkOpening(input: OpenBankAccount): void {
  const problems: FieldProblem[] = [];
  const text = (value: unknown, field: string, max: number) => {
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
      problems.push({ field, message: `1 to ${max} characters` });
    }
  };
  text(input.bankName, 'bankName', 100);
  text(input.accountName, 'accountName', 200);
  if (typeof input.accountNumber !== 'string' || !accountNumberPattern.test(input.accountNumber)) {
    problems.push({
      field: 'accountNumber',
      message: 'letters, digits, dots and dashes, up to 40',
    });
  }
  if (problems.length > 0) throw new InvalidInputError('The bank account is not valid', problems);
}
