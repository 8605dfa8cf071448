import { TransactionScope } from '@lumbung/database';
import { Injectable } from '@nestjs/common';
import { type EodBacklog, readBacklog } from '../infrastructure/backlog-store';
import { EndOfDayService } from './end-of-day.service';

export interface EndOfDayHealth extends EodBacklog {
  /** Cooperatives with a day to close and no run going: the scheduler has not opened it yet. */
  readonly cooperativesBehind: number;
}

/** The end of day's backlog for operators (health and metrics), read in one snapshot. */
@Injectable()
export class EndOfDayBacklog {
  constructor(
    private readonly scope: TransactionScope,
    private readonly endOfDay: EndOfDayService,
  ) {}

  async read(): Promise<EndOfDayHealth> {
    const [backlog, behind] = await Promise.all([
      this.scope.run((tx) => readBacklog(tx), { readOnly: true }),
      this.endOfDay.cooperativesBehind(),
    ]);
    return { ...backlog, cooperativesBehind: behind.length };
  }
}
