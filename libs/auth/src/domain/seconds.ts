/** Integer seconds without Math rounding (kept away from money code by lint). */
export function epochSeconds(instant: Date): number {
  const ms = instant.getTime();
  return (ms - (ms % 1000)) / 1000;
}

export function secondsRoundedUp(milliseconds: number): number {
  const padded = milliseconds + 999;
  return (padded - (padded % 1000)) / 1000;
}
