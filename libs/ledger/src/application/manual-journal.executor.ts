import {
  ApprovalRegistry,
  oneManagerApproves,
  RegisteredExecutor,
  type ApprovalRequestRecord,
  type PreparedAction,
} from '@lumbung/approvals';
import { AuditLog } from '@lumbung/audit';
import {
  type BusinessDate,
  type FieldProblem,
  InvalidInputError,
  Money,
  RuleViolationError,
} from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type CounterpartyClass, requiresCounterparty } from '../domain/account-class';
import type { Dimensions } from '../domain/entry-draft';
import {
  isCashOrBank,
  journalAccountProblem,
  journalAccountRefusal,
  journalDebits,
  type JournalDraft,
  parseJournalDraft,
  valueDateProblem,
  voucherTypeOf,
  type VoucherType,
} from '../domain/manual-journal';
import {
  markEnded,
  markPosted,
  readJournal,
  type StoredJournalLine,
  voucherLabel,
} from '../infrastructure/manual-journal-store';
import { accountFacts } from '../infrastructure/account-facts';
import { BusinessDayService } from './business-day.service';
import { PeriodService } from './period.service';
import { PostingService } from './posting.service';

export const manualJournalType = 'ledger.manual-journal';
export const manualJournalSource = 'ledger.manual-journal';

/** What a request of this type stores: the journal with its leaves resolved. */
export interface ManualJournalPayload {
  readonly description: string;
  readonly attachmentReference: string;
  readonly valueDate: BusinessDate | null;
  readonly voucherType: VoucherType;
  readonly currency: string;
  readonly totalDebit: string;
  readonly lines: readonly StoredJournalLine[];
}

/**
 * A manual journal (DESIGN.md section 3): drafted by a teller or manager, posted when a manager
 * other than the maker approves (admins approve no money), with the next gap-free voucher number
 * of its type. It posts to non-member GL leaves only, in the functional currency, and a value
 * date before the business date (back-dating) stays inside an open month: the request carries
 * it, so the approval is the approval of the back-dating too.
 */
@Injectable()
export class ManualJournalExecutor extends RegisteredExecutor {
  readonly type = manualJournalType;
  readonly defaultRule = oneManagerApproves;
  readonly movesMoney = true;

  constructor(
    registry: ApprovalRegistry,
    private readonly days: BusinessDayService,
    private readonly periods: PeriodService,
    private readonly posting: PostingService,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  async prepare(
    tx: Tx,
    input: { cooperativeId: string; payload: unknown },
  ): Promise<PreparedAction> {
    const draft = parseJournalDraft(input.payload);
    const payload = await this.resolve(tx, input.cooperativeId, draft);
    const dated = payload.valueDate ? `, value date ${payload.valueDate}` : '';
    return {
      payload,
      summary: `${payload.voucherType} journal: ${payload.description}${dated}`.slice(0, 500),
      amount: { amount: payload.totalDebit, currency: payload.currency },
      functionalEquivalent: payload.totalDebit,
    };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    // The journal row first (domain rows before balances), so its update cannot wait on them.
    if (!(await readJournal(tx, cooperativeId, record.id, true))) {
      throw new Error(`Approval request ${record.id} has no manual journal row`);
    }
    const payload = record.payload as ManualJournalPayload;
    // The chart and the periods may have moved since the draft: check again as it posts.
    await this.resolve(tx, cooperativeId, parseJournalDraft(draftOf(payload)));
    const { entry } = await this.posting.post(tx, cooperativeId, {
      description: payload.description,
      source: { type: manualJournalSource, id: record.id },
      valueDate: payload.valueDate ?? undefined,
      idempotencyKey: `${manualJournalSource}:${record.id}`,
      voucherSeries: payload.voucherType,
      recordedBy: record.makerId,
      postings: payload.lines.map((line) => ({
        accountId: line.accountId,
        amount: Money.of(line.amount, line.currency),
        counterpartyClass: line.counterpartyClass as CounterpartyClass | undefined,
        dimensions: line.dimensions as Dimensions | undefined,
        memo: line.memo ?? payload.attachmentReference,
      })),
    });
    const voucherNumber = entry.voucher!.number;
    await markPosted(tx, cooperativeId, record.id, {
      entryId: entry.id,
      voucherNumber,
      postedOn: entry.postingDate,
    });
    const voucher = voucherLabel(payload.voucherType, voucherNumber);
    await this.audit.record(tx, {
      cooperativeId,
      action: 'ledger.manual-journal.post',
      targetType: 'manual_journal',
      targetId: record.id,
      before: { status: 'pending' },
      after: { status: 'posted', entryId: entry.id, voucher, valueDate: entry.valueDate },
    });
    return { journalId: record.id, entryId: entry.id, voucher, valueDate: entry.valueDate };
  }

  async closed(tx: Tx, record: ApprovalRequestRecord): Promise<void> {
    if (record.status !== 'rejected' && record.status !== 'cancelled') return;
    await markEnded(tx, record.cooperativeId, record.id, record.status);
  }

  private async resolve(
    tx: Tx,
    cooperativeId: string,
    draft: JournalDraft,
  ): Promise<ManualJournalPayload> {
    const { businessDate, functionalCurrency } = await this.days.enter(tx, cooperativeId);
    const dateProblem = valueDateProblem(draft.valueDate, businessDate);
    if (dateProblem) {
      throw new InvalidInputError(dateProblem, [{ field: 'valueDate', message: dateProblem }]);
    }
    const month = (draft.valueDate ?? businessDate).slice(0, 7);
    if (await this.periods.isClosed(tx, cooperativeId, month)) {
      throw new RuleViolationError(
        'period-closed',
        'Accounting period closed',
        `${month} is closed: a journal dated in it needs the month reopened first`,
        { field: 'valueDate', month },
      );
    }
    const accounts = await accountFacts(
      tx,
      cooperativeId,
      draft.lines.map((l) => l.accountCode),
    );
    const problems: FieldProblem[] = [];
    const lines = draft.lines.map((line, i) => {
      const at = `lines[${i}]`;
      const account = accounts.get(line.accountCode);
      if (!account) {
        problems.push({ field: `${at}.accountCode`, message: `no account ${line.accountCode}` });
        return null;
      }
      const refusal = journalAccountRefusal(account, functionalCurrency);
      if (refusal) throw journalAccountProblem(`${at}.accountCode`, account.code, refusal);
      if (line.amount.currency.code !== account.currency) {
        problems.push({
          field: `${at}.currency`,
          message: `account ${account.code} is in ${account.currency}`,
        });
      }
      if (requiresCounterparty(account.class) && !line.counterpartyClass) {
        problems.push({
          field: `${at}.counterpartyClass`,
          message: `required on ${account.class} accounts (member, non_member, partner_cooperative)`,
        });
      }
      return { line, account };
    });
    if (problems.length > 0) throw new InvalidInputError('The journal is not valid', problems);
    const resolved = lines.map((resolvedLine) => resolvedLine!);
    return {
      description: draft.description,
      attachmentReference: draft.attachmentReference,
      valueDate: draft.valueDate ?? null,
      voucherType: voucherTypeOf(
        resolved.map(({ line, account }) => ({
          cashOrBank: isCashOrBank(account),
          amount: line.amount,
        })),
      ),
      currency: functionalCurrency,
      totalDebit: journalDebits(draft, functionalCurrency).toString(),
      lines: resolved.map(({ line, account }) => ({
        accountId: account.id,
        accountCode: account.code,
        amount: line.amount.toString(),
        currency: line.amount.currency.code,
        ...(line.counterpartyClass ? { counterpartyClass: line.counterpartyClass } : {}),
        ...(line.dimensions ? { dimensions: { ...line.dimensions } } : {}),
        ...(line.memo ? { memo: line.memo } : {}),
      })),
    };
  }
}

/** The stored payload read back as the draft it was (amounts signed: debit or credit again). */
function draftOf(payload: ManualJournalPayload): unknown {
  return {
    description: payload.description,
    attachmentReference: payload.attachmentReference,
    valueDate: payload.valueDate,
    lines: payload.lines.map((line) => {
      const amount = Money.of(line.amount, line.currency);
      return {
        accountCode: line.accountCode,
        currency: line.currency,
        ...(amount.isPositive()
          ? { debit: amount.toString() }
          : { credit: amount.negated().toString() }),
        counterpartyClass: line.counterpartyClass,
        dimensions: line.dimensions,
        memo: line.memo,
      };
    }),
  };
}
