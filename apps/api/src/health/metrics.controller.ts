import { EndOfDayBacklog } from '@lumbung/end-of-day';
import { JournalSealingService } from '@lumbung/ledger';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access';
import { jobStates, type QueueFigures, QueueStats } from './queue-stats';

type Sample = readonly [labels: string, value: number];

/** One metric in the text exposition format: its help, its type and its samples. */
function metric(
  name: string,
  type: 'gauge' | 'counter',
  help: string,
  samples: readonly Sample[],
): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...samples.map(([labels, value]) => `${name}${labels} ${value}`),
  ];
}

const perQueue = (
  figures: readonly QueueFigures[],
  value: (queue: QueueFigures) => number,
): Sample[] => figures.map((f) => [`{queue="${f.queue}"}`, value(f)]);

/**
 * Prometheus text exposition of what operators alert on. Public like /health: it carries
 * counts and ages, no names or amounts; keep it off the internet with the scrape network.
 * Queue figures are left out while Redis does not answer (lumbung_queue_up says so).
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly sealing: JournalSealingService,
    private readonly queues: QueueStats,
    private readonly endOfDay: EndOfDayBacklog,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOkResponse({ description: 'Prometheus metrics' })
  async metrics(): Promise<string> {
    const [lag, figures, backlog] = await Promise.all([
      this.sealing.lag(),
      this.queues.read(),
      this.endOfDay.read(),
    ]);
    const lines = [
      ...metric(
        'lumbung_sealing_unsealed_entries',
        'gauge',
        'Journal entries no sealed block holds yet.',
        [['', lag.unsealedEntries]],
      ),
      ...metric(
        'lumbung_sealing_oldest_unsealed_seconds',
        'gauge',
        'Age of the oldest unsealed entry (0 when all are sealed).',
        [['', lag.oldestUnsealedSeconds ?? 0]],
      ),
      ...metric('lumbung_eod_running_runs', 'gauge', 'End-of-day runs not complete yet.', [
        ['', backlog.runningRuns],
      ]),
      ...metric('lumbung_eod_unfinished_chunks', 'gauge', 'Chunks of running end-of-day runs.', [
        ['', backlog.unfinishedChunks],
      ]),
      ...metric(
        'lumbung_eod_failing_chunks',
        'gauge',
        'Unfinished chunks whose last attempt failed: their day stays open.',
        [['', backlog.failingChunks]],
      ),
      ...metric(
        'lumbung_eod_oldest_running_seconds',
        'gauge',
        'Age of the oldest running end-of-day run (0 when none runs).',
        [['', backlog.oldestRunningSeconds]],
      ),
      ...metric(
        'lumbung_eod_cooperatives_behind',
        'gauge',
        'Cooperatives with a day to close and no run opened for it.',
        [['', backlog.cooperativesBehind]],
      ),
      ...metric(
        'lumbung_queue_up',
        'gauge',
        'Whether the queue figures could be read from Redis.',
        [['', figures ? 1 : 0]],
      ),
      ...(figures ? queueMetrics(figures) : []),
      '',
    ];
    return lines.join('\n');
  }
}

function queueMetrics(figures: readonly QueueFigures[]): string[] {
  return [
    ...metric(
      'lumbung_queue_workers',
      'gauge',
      'Workers connected to the queue (0: nothing takes its jobs).',
      perQueue(figures, (f) => f.workers),
    ),
    ...metric(
      'lumbung_queue_jobs',
      'gauge',
      'Jobs in the queue by state.',
      figures.flatMap((f) =>
        jobStates.map((state): Sample => [`{queue="${f.queue}",state="${state}"}`, f.jobs[state]]),
      ),
    ),
    ...metric(
      'lumbung_queue_jobs_completed_total',
      'counter',
      'Jobs the workers completed since the queue metrics began.',
      perQueue(figures, (f) => f.completedTotal),
    ),
    ...metric(
      'lumbung_queue_jobs_failed_total',
      'counter',
      'Job attempts that failed since the queue metrics began.',
      perQueue(figures, (f) => f.failedTotal),
    ),
  ];
}
