/** One JSON line per figure, as DEVELOPERS.md shows; BENCHMARKS.md collects them. */
export interface Figure {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number;
  readonly baseline_name: string;
  readonly ratio: number;
  readonly [detail: string]: unknown;
}

export function figure(
  bench: string,
  value: number,
  unit: string,
  baseline: number,
  baselineName: string,
  details: Record<string, unknown> = {},
): Figure {
  const round = (x: number, places: number): number => Number(x.toFixed(places));
  return {
    bench,
    value: round(value, 1),
    unit,
    baseline: round(baseline, 1),
    baseline_name: baselineName,
    ratio: round(value / baseline, 3),
    ...details,
  };
}

export function print(result: Figure): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Progress goes to stderr so stdout stays one JSON line per figure. */
export function note(message: string): void {
  process.stderr.write(`# ${message}\n`);
}
