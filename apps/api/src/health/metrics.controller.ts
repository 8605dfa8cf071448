import { JournalSealingService } from '@lumbung/ledger';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access';

/**
 * Prometheus text exposition of what operators alert on. Public like /health: it carries
 * counts and ages, no names or amounts; keep it off the internet with the scrape network.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly sealing: JournalSealingService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOkResponse({ description: 'Prometheus metrics' })
  async metrics(): Promise<string> {
    const lag = await this.sealing.lag();
    return [
      '# HELP lumbung_sealing_unsealed_entries Journal entries no sealed block holds yet.',
      '# TYPE lumbung_sealing_unsealed_entries gauge',
      `lumbung_sealing_unsealed_entries ${lag.unsealedEntries}`,
      '# HELP lumbung_sealing_oldest_unsealed_seconds Age of the oldest unsealed entry (0 when all are sealed).',
      '# TYPE lumbung_sealing_oldest_unsealed_seconds gauge',
      `lumbung_sealing_oldest_unsealed_seconds ${lag.oldestUnsealedSeconds ?? 0}`,
      '',
    ].join('\n');
  }
}
