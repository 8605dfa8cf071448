export { EndOfDayModule } from './end-of-day.module';
export { EndOfDayBacklog, type EndOfDayHealth } from './application/end-of-day-backlog';
export {
  chunkSize,
  EndOfDayService,
  type EodRunView,
  type PendingChunk,
} from './application/end-of-day.service';
export { type ChunkWork, type EodStep, EodSteps } from './application/eod-steps';
