import { FxRevaluation } from '@lumbung/cross-border';
import { InterestSuspension, LoanDayClose, LoanProvisioning } from '@lumbung/loans';
import {
  DormancyService,
  SavingsDayClose,
  TimeDepositAccrual,
  TimeDepositMaturity,
} from '@lumbung/savings';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EodSteps } from './eod-steps';

/**
 * What every cooperative's day closes with today: loan interest and late penalties per range of
 * loans, then each loan's days past due, grade and provision (PPAP) as the day left them and
 * its interest suspended (non-performing) or resumed accordingly;
 * voluntary savings interest per range of accounts (posted to them at month end), voluntary
 * accounts gone quiet marked dormant, time deposit interest accrued, time deposits matured by
 * then settled, and the provisions of loans paid off that day released; on a month's last day,
 * foreign-currency balances revalued at the closing rate (reversed on the first of the next).
 */
@Injectable()
export class StandardSteps implements OnModuleInit {
  private readonly logger = new Logger(StandardSteps.name);

  constructor(
    private readonly steps: EodSteps,
    private readonly loans: LoanDayClose,
    private readonly provisions: LoanProvisioning,
    private readonly suspension: InterestSuspension,
    private readonly dormancy: DormancyService,
    private readonly savings: SavingsDayClose,
    private readonly deposits: TimeDepositAccrual,
    private readonly maturities: TimeDepositMaturity,
    private readonly revaluation: FxRevaluation,
  ) {}

  onModuleInit(): void {
    this.steps.register({
      name: 'loans.interest-and-penalties',
      kind: 'loans',
      ids: (tx, cooperativeId, date) => this.loans.loanIds(tx, cooperativeId, date),
      run: async (tx, work) => {
        await this.loans.close(tx, work.cooperativeId, work.businessDate, work.range!);
      },
    });
    // After the day's interest and penalties, in the same transaction: grades read the day's
    // arrears and principal as of D by value date.
    this.steps.register({
      name: 'loans.grades-and-provisions',
      kind: 'loans',
      run: async (tx, work) => {
        await this.provisions.closeRange(tx, work.cooperativeId, work.businessDate, work.range!);
      },
    });
    // After grading, in the same transaction: a loan whose grade for D is non-performing stops
    // accruing into income from D+1 (its unpaid accrual moved to memorandum), one graded
    // performing again resumes.
    this.steps.register({
      name: 'loans.interest-suspension',
      kind: 'loans',
      run: async (tx, work) => {
        await this.suspension.closeRange(tx, work.cooperativeId, work.businessDate, work.range!);
      },
    });
    this.steps.register({
      name: 'savings.interest',
      kind: 'savings',
      ids: (tx, cooperativeId, date) => this.savings.accountIds(tx, cooperativeId, date),
      run: async (tx, work) => {
        await this.savings.close(tx, work.cooperativeId, work.businessDate, work.range!);
      },
    });
    this.steps.register({
      name: 'savings.dormancy',
      kind: 'cooperative',
      run: async (tx, work) => {
        await this.dormancy.markDormant(tx, work.cooperativeId, work.businessDate);
      },
    });
    // After dormancy, in the same transaction: its account locks then come before the balance
    // locks of the time deposits' entries, accounts before balances as on every other path. An
    // account the day has just made dormant takes no payout: that placement stays running.
    // Interest accrues through D first, so a placement maturing on D pays out of payable alone.
    this.steps.register({
      name: 'savings.time-deposit-accrual',
      kind: 'cooperative',
      run: async (tx, work) => {
        await this.deposits.accrue(tx, work.cooperativeId, work.businessDate);
      },
    });
    this.steps.register({
      name: 'savings.time-deposit-maturity',
      kind: 'cooperative',
      run: async (tx, work) => {
        const { leftRunning } = await this.maturities.settleMatured(
          tx,
          work.cooperativeId,
          work.businessDate,
        );
        for (const p of leftRunning) {
          this.logger.warn(
            `cooperative ${work.cooperativeId}: end of day ${work.businessDate}: time deposit ${p.accountNumber} matured ${p.maturityDate} and stays running (${p.reason})`,
          );
        }
      },
    });
    // Loans paid off on D leave the day's loan chunks: their allowance is released here.
    this.steps.register({
      name: 'loans.provisions-released',
      kind: 'cooperative',
      run: async (tx, work) => {
        await this.provisions.releaseClosed(tx, work.cooperativeId, work.businessDate);
      },
    });
    // Once per cooperative and month, on its last day; a missing closing rate fails the chunk
    // (fx-rate-missing) until the rate is entered and the chunk runs again.
    this.steps.register({
      name: 'cross-border.fx-revaluation',
      kind: 'cooperative',
      run: async (tx, work) => {
        await this.revaluation.monthEnd(tx, work.cooperativeId, work.businessDate);
      },
    });
  }
}
