import { CrossBorderModule } from '@lumbung/cross-border';
import { LedgerModule } from '@lumbung/ledger';
import { LoansModule } from '@lumbung/loans';
import { SavingsModule } from '@lumbung/savings';
import { Module } from '@nestjs/common';
import { EndOfDayBacklog } from './application/end-of-day-backlog';
import { EndOfDayService } from './application/end-of-day.service';
import { EodSteps } from './application/eod-steps';
import { StandardSteps } from './application/standard-steps';

/**
 * The end of day: runs and chunks in PostgreSQL and the steps each chunk runs. The worker
 * carries the chunks on BullMQ; the api and the CLI open runs. Needs DatabaseModule and
 * AuditModule registered by the application.
 */
@Module({
  imports: [LedgerModule, LoansModule, SavingsModule, CrossBorderModule],
  providers: [EndOfDayService, EndOfDayBacklog, EodSteps, StandardSteps],
  exports: [EndOfDayService, EndOfDayBacklog, EodSteps],
})
export class EndOfDayModule {}
