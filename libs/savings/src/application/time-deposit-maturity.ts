import type { BusinessDate } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { accountById, openVoluntaryAccount } from '../infrastructure/account-store';
import {
  lockMaturedDeposits,
  type Placement,
  placementsOf,
} from '../infrastructure/placement-store';
import { TimeDepositService } from './time-deposit.service';

/** A placement the end of day settled: paid to voluntary savings or rolled over. */
export interface SettledPlacement {
  readonly accountId: string;
  readonly placementNo: number;
  readonly status: Placement['status'];
  readonly interest: string;
}

/** A matured placement the end of day could not settle, left running for the counter. */
export interface UnsettledPlacement {
  readonly accountId: string;
  readonly accountNumber: string;
  readonly placementNo: number;
  readonly maturityDate: string;
  readonly reason: 'no-voluntary-account';
}

export interface MaturityOutcome {
  readonly settled: readonly SettledPlacement[];
  readonly leftRunning: readonly UnsettledPlacement[];
}

/**
 * The end of day's part of simpanan berjangka: on day D every running placement that matured on
 * or before D is settled exactly as the teller's settle does at maturity, as of D (value date D,
 * no teller). A settled placement is no longer running, so a day run again finds nothing left.
 */
@Injectable()
export class TimeDepositMaturity {
  constructor(private readonly deposits: TimeDepositService) {}

  async settleMatured(tx: Tx, cooperativeId: string, date: BusinessDate): Promise<MaturityOutcome> {
    // Every due account is locked, in id order, before the first entry locks any balance.
    const accountIds = await lockMaturedDeposits(tx, cooperativeId, date);
    const settled: SettledPlacement[] = [];
    const leftRunning: UnsettledPlacement[] = [];
    for (const accountId of accountIds) {
      // A roll-over starts at the old maturity, so a day caught up long after can find the new
      // placement matured too: settle until the running one matures after D.
      for (;;) {
        const running = await runningPlacement(tx, cooperativeId, accountId);
        if (!running || running.maturityDate > date) break;
        const unsettled = await this.withoutPayee(tx, cooperativeId, accountId, running);
        if (unsettled) {
          leftRunning.push(unsettled);
          break;
        }
        const view = await this.deposits.settle(tx, cooperativeId, null, accountId, {
          early: false,
          asOf: date,
        });
        const done = view.placements.find((p) => p.placementNo === running.placementNo)!;
        settled.push({
          accountId,
          placementNo: done.placementNo,
          status: done.status,
          interest: done.interest!,
        });
      }
    }
    return { settled, leftRunning };
  }

  /**
   * A placement to pay out whose member has no open voluntary account (none, closed or dormant)
   * stays running rather than failing the day, which would hold every later day back until
   * someone opened one. Rolling it over instead would renew a contract the member asked to end.
   * Left running, it is reported each day and settles (with the same interest, counted to
   * maturity) at the counter or in the first run after the member has an open voluntary account.
   */
  private async withoutPayee(
    tx: Tx,
    cooperativeId: string,
    accountId: string,
    running: Placement,
  ): Promise<UnsettledPlacement | undefined> {
    if (running.instruction !== 'pay-to-voluntary') return undefined;
    const account = (await accountById(tx, cooperativeId, accountId))!;
    const payee = await openVoluntaryAccount(tx, cooperativeId, account.memberId, account.currency);
    if (payee) return undefined;
    return {
      accountId,
      accountNumber: account.accountNumber,
      placementNo: running.placementNo,
      maturityDate: running.maturityDate,
      reason: 'no-voluntary-account',
    };
  }
}

async function runningPlacement(
  tx: Tx,
  cooperativeId: string,
  accountId: string,
): Promise<Placement | undefined> {
  return (await placementsOf(tx, cooperativeId, accountId)).find((p) => p.status === 'running');
}
