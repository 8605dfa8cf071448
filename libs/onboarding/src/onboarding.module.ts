import { LedgerModule } from '@lumbung/ledger';
import { LoansModule } from '@lumbung/loans';
import { MembersModule } from '@lumbung/members';
import { SavingsModule } from '@lumbung/savings';
import { Module } from '@nestjs/common';
import { CutoverPlanner } from './application/cutover-plan';
import { CutoverService } from './application/cutover.service';

/**
 * Opening balances for a cooperative going live (issue 12, item 1). Needs DatabaseModule and
 * AuditModule registered by the application.
 */
@Module({
  imports: [LedgerModule, MembersModule, SavingsModule, LoansModule],
  providers: [CutoverPlanner, CutoverService],
  exports: [CutoverService],
})
export class OnboardingModule {}
