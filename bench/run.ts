import { accrualBenchmark } from './accrual';
import { exportBenchmark } from './export';
import { httpBenchmark } from './http';
import { ledgerBenchmark } from './ledger';

/** `npm run bench` runs every benchmark; `npm run bench -- ledger` one of them. */
const benchmarks: Record<string, () => Promise<void>> = {
  ledger: ledgerBenchmark,
  http: httpBenchmark,
  accrual: accrualBenchmark,
  export: exportBenchmark,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const name of wanted) {
    if (!benchmarks[name]) {
      throw new Error(`No benchmark "${name}": known: ${Object.keys(benchmarks).join(', ')}`);
    }
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(benchmarks)) await benchmarks[name]();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
