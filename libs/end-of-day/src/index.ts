export { EndOfDayModule } from './end-of-day.module';
export {
  chunkSize,
  EndOfDayService,
  type EodRunView,
  type PendingChunk,
} from './application/end-of-day.service';
export { type ChunkWork, type EodStep, EodSteps } from './application/eod-steps';
