import { AuditLog } from '@lumbung/audit';
import { isUuid, NotFoundError, RuleViolationError, uuidv7 } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { BusinessDayService, ChartService, CooperativeService } from '@lumbung/ledger';
import { MemberDirectory } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import { type ProductKind } from '../domain/product-terms';
import { wajibPosition } from '../domain/wajib';
import {
  accountById,
  accountsOfMember,
  insertAccount,
  nextAccountNumber,
  owedBalance,
  type SavingsAccountRecord,
} from '../infrastructure/account-store';
import { productBy } from '../infrastructure/product-store';

/** Where each kind's leaves hang in the KSP chart (libs/ledger's template). */
const headingOf: Record<ProductKind, string> = {
  pokok: '3-1',
  wajib: '3-2',
  sukarela: '2-1',
  berjangka: '2-2',
};

export interface SavingsAccountView extends SavingsAccountRecord {
  /** On the account's normal (credit) side: what the cooperative owes the member. */
  readonly balance: string;
  readonly wajib?: { readonly paidThrough: string | null; readonly monthsInArrears: number };
}

@Injectable()
export class SavingsAccountService {
  constructor(
    private readonly members: MemberDirectory,
    private readonly charts: ChartService,
    private readonly days: BusinessDayService,
    private readonly cooperatives: CooperativeService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Opens a member's account under an active product. An applicant may open only pokok and
   * wajib: paying pokok is what makes them a member.
   */
  async open(
    tx: Tx,
    cooperativeId: string,
    request: { memberId: string; productId: string },
  ): Promise<SavingsAccountView> {
    // Locked, so an exit being approved cannot miss an account opened meanwhile.
    const member = await this.members.lockMember(tx, cooperativeId, request.memberId);
    const product = isUuid(request.productId)
      ? await productBy(tx, cooperativeId, { id: request.productId })
      : undefined;
    if (!product) throw new NotFoundError('savings product', request.productId);
    if (product.status !== 'active') {
      throw new RuleViolationError(
        'product-retired',
        'Product retired',
        `${product.code} is retired`,
        {
          field: 'productId',
        },
      );
    }
    const equity = product.kind === 'pokok' || product.kind === 'wajib';
    if (member.status !== 'active' && !(member.status === 'applicant' && equity)) {
      throw new RuleViolationError(
        'member-not-active',
        'Member not active',
        `Member ${member.memberNumber} is ${member.status}: only active members save (an applicant first pays simpanan pokok)`,
        { field: 'memberId' },
      );
    }
    const day = await this.days.enter(tx, cooperativeId, 'shared');
    const accountNumber = await nextAccountNumber(tx, cooperativeId);
    const heading = await this.charts.accountByCode(tx, cooperativeId, headingOf[product.kind]);
    const leaf = await this.charts.openLeaf(tx, cooperativeId, {
      parentId: heading.id,
      code: `${headingOf[product.kind]}-${accountNumber}`,
      name: `${product.name} ${member.memberNumber} ${member.fullName}`.slice(0, 200),
      currency: product.currency,
      // Never below zero, enforced by the ledger; a product's minimum balance is the savings
      // rule for withdrawals (TellerOperations), so exit and death can still pay out everything.
      floor: '0',
      holder: 'member',
    });
    const id = uuidv7();
    try {
      await tx.query('SAVEPOINT savings_account_open');
      await insertAccount(tx, cooperativeId, {
        id,
        accountNumber,
        memberId: member.id,
        productId: product.id,
        kind: product.kind,
        currency: product.currency,
        ledgerAccountId: leaf.id,
        openedOn: day.businessDate,
      });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code !== '23505') throw error;
      throw new RuleViolationError(
        'account-exists',
        'Account exists',
        `Member ${member.memberNumber} already has a simpanan ${product.kind} account`,
        { field: 'productId' },
      );
    }
    const opened = await this.view(tx, cooperativeId, id);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'savings.account.open',
      targetType: 'savings_account',
      targetId: id,
      after: opened,
    });
    return opened;
  }

  async view(tx: Tx, cooperativeId: string, accountId: string): Promise<SavingsAccountView> {
    const account = isUuid(accountId) ? await accountById(tx, cooperativeId, accountId) : undefined;
    if (!account) throw new NotFoundError('savings account', accountId);
    return this.withBalance(tx, cooperativeId, account);
  }

  async ofMember(tx: Tx, cooperativeId: string, memberId: string): Promise<SavingsAccountView[]> {
    await this.members.requireMember(tx, cooperativeId, memberId);
    const accounts = await accountsOfMember(tx, cooperativeId, memberId);
    // One connection runs one query at a time: read the balances in turn.
    const views: SavingsAccountView[] = [];
    for (const account of accounts) views.push(await this.withBalance(tx, cooperativeId, account));
    return views;
  }

  private async withBalance(
    tx: Tx,
    cooperativeId: string,
    account: SavingsAccountRecord,
  ): Promise<SavingsAccountView> {
    const balance = (await owedBalance(tx, cooperativeId, account)).toString();
    if (account.kind !== 'wajib') return { ...account, balance };
    const { businessDate } = await this.cooperatives.byId(tx, cooperativeId);
    const position = wajibPosition(account.openedOn, account.wajibPaidThrough, businessDate);
    return {
      ...account,
      balance,
      wajib: { paidThrough: position.paidThrough, monthsInArrears: position.monthsInArrears },
    };
  }
}
