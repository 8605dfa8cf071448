import { accrualBenchmark } from './accrual';
import { httpBenchmark } from './http';
import { ledgerBenchmark } from './ledger';

/** `npm run bench` runs every benchmark; `npm run bench -- ledger` one of them. */
const benchmarks: Record<string, () => Promise<void>> = {
  ledger: ledgerBenchmark,
  http: httpBenchmark,
  accrual: accrualBenchmark,
};
const later: Record<string, string> = {
  export: 'the exports issue',
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const name of wanted) {
    if (!benchmarks[name]) {
      const why = later[name]
        ? `it arrives with ${later[name]}`
        : `known: ${Object.keys(benchmarks).join(', ')}`;
      throw new Error(`No benchmark "${name}" yet: ${why}`);
    }
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) await benchmarks[name]();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
