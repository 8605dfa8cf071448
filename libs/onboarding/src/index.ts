export { OnboardingModule } from './onboarding.module';
export { type CutoverFiles } from './application/cutover-plan';
export {
  type CutoverProgress,
  type CutoverReport,
  type CutoverRequest,
  CutoverService,
} from './application/cutover.service';
export { describeProblem, type RowProblem } from './domain/row-problem';
