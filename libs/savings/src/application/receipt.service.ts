import { Clock, NotFoundError } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { CooperativeService } from '@lumbung/ledger';
import { MemberDirectory } from '@lumbung/members';
import { Injectable } from '@nestjs/common';
import { counterCash, isReceiptNumber, receiptLines, type ReceiptView } from '../domain/receipt';
import { type Language } from '../domain/statement-language';
import { receiptPdf } from '../infrastructure/pdf-receipt';
import { receiptEntry, receiptMovements, usernameOf } from './receipt-lines';
import { type PrintedDocument } from './statement.service';

/**
 * Receipts (kuitansi) looked up by their gap-free number: the ledger entry numbered in series
 * `receipt` and every savings movement it made (a deposit has one; a transfer two; an exit one
 * per account). Reading moves nothing and records nothing, so every lookup is a copy: the
 * original is the answer the teller got at the counter. Run it in one read-only snapshot.
 */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly members: MemberDirectory,
    private readonly cooperatives: CooperativeService,
    private readonly clock: Clock,
  ) {}

  async receipt(
    tx: Tx,
    cooperativeId: string,
    receiptNumber: string,
    lang: Language,
  ): Promise<ReceiptView> {
    const entry = isReceiptNumber(receiptNumber)
      ? await receiptEntry(tx, cooperativeId, receiptNumber)
      : undefined;
    const movements = entry ? await receiptMovements(tx, cooperativeId, entry.id) : [];
    // Every entry in the series is a savings entry; one without savings rows is not a receipt.
    if (!entry || movements.length === 0) throw new NotFoundError('receipt', receiptNumber);
    const [first] = movements;
    const { currency } = first;
    const cooperative = await this.cooperatives.byId(tx, cooperativeId);
    const member = await this.members.requireMember(tx, cooperativeId, first.memberId);
    const tellerId = movements.find((m) => m.tellerId !== null)?.tellerId ?? entry.recordedBy;
    const username = tellerId === null ? undefined : await usernameOf(tx, tellerId);
    return {
      receiptNumber,
      entryId: entry.id,
      description: entry.description,
      cooperative: {
        id: cooperative.id,
        code: cooperative.code,
        name: cooperative.name,
        timeZone: cooperative.timeZone,
      },
      businessDate: entry.postingDate,
      recordedAt: entry.recordedAt,
      teller: tellerId !== null && username !== undefined ? { id: tellerId, username } : null,
      approvalId: movements.find((m) => m.approvalId !== null)?.approvalId ?? null,
      member: { id: member.id, memberNumber: member.memberNumber, fullName: member.fullName },
      currency,
      ...receiptLines(movements, currency),
      cash: counterCash(entry.tillNet, currency),
      reversed: entry.reversed,
      copy: true,
      printedAt: this.clock.now().toISOString(),
      lang,
    };
  }

  /** The receipt as a small PDF to print, inline. */
  document(receipt: ReceiptView): PrintedDocument {
    return {
      contentType: 'application/pdf',
      fileName: `receipt-${receipt.cooperative.code}-${receipt.receiptNumber}.pdf`,
      disposition: 'inline',
      body: receiptPdf(receipt),
    };
  }
}
