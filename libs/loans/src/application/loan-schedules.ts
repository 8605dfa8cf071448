import { addDays, type BusinessDate, Money } from '@lumbung/core';
import type { Tx } from '@lumbung/database';
import { HolidayCalendar } from '@lumbung/ledger';
import { Injectable } from '@nestjs/common';
import { buildSchedule, contractualDate, type Schedule } from '../domain/schedule';
import type { LoanRecord } from '../infrastructure/loan-store';

/** Days past the last contractual date a chain of closed days could still push it. */
const holidaySpill = 31;

/** A loan's contracted schedule from a disbursement date, due dates moved off closed days. */
@Injectable()
export class LoanSchedules {
  constructor(private readonly holidays: HolidayCalendar) {}

  async contract(
    tx: Tx,
    cooperativeId: string,
    loan: Pick<LoanRecord, 'principal' | 'currency' | 'terms' | 'rate' | 'instalments'>,
    disbursedOn: BusinessDate,
  ): Promise<Schedule> {
    const last = contractualDate(disbursedOn, loan.terms.frequency, loan.instalments);
    return buildSchedule({
      principal: Money.of(loan.principal, loan.currency),
      terms: loan.terms,
      rate: loan.rate,
      instalments: loan.instalments,
      disbursedOn,
      isHoliday: await this.holidays.closedDays(
        tx,
        cooperativeId,
        disbursedOn,
        addDays(last, holidaySpill),
      ),
    });
  }
}
