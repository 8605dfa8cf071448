import { type ChartUpgrade, kspChartTemplate } from '@lumbung/ledger';
import type { CliIo } from './command';
import type { LedgerApp } from './ledger-app';

export interface CooperativeUpgrade extends ChartUpgrade {
  readonly code: string;
}

/**
 * The chart upgrade of DESIGN.md section 3 (Accounts): the current template's new accounts are
 * added to every existing cooperative, idempotently, one transaction per cooperative.
 */
export async function upgradeCharts(ledger: LedgerApp, io: CliIo): Promise<CooperativeUpgrade[]> {
  const template = kspChartTemplate;
  const cooperatives = await ledger.read((tx) => ledger.cooperatives.all(tx));
  const upgrades: CooperativeUpgrade[] = [];
  for (const cooperative of cooperatives) {
    if (cooperative.chart.template !== template.name) {
      io.out(
        `  ${cooperative.code.padEnd(14)} chart ${cooperative.chart.template}: no upgrade known`,
      );
      continue;
    }
    const upgrade = await ledger.write((tx) =>
      ledger.charts.applyTemplate(tx, cooperative.id, template),
    );
    upgrades.push({ ...upgrade, code: cooperative.code });
  }
  io.out(describeUpgrades(template.name, template.version, upgrades));
  return upgrades;
}

export function describeUpgrades(
  templateName: string,
  version: number,
  upgrades: readonly CooperativeUpgrade[],
): string {
  const head = `Chart upgrade to ${templateName} v${version}:`;
  if (upgrades.length === 0) return `${head} no cooperative yet`;
  const rows = upgrades.map((u) => {
    const what =
      u.added > 0
        ? `${u.added} account${u.added === 1 ? '' : 's'} added`
        : u.fromVersion === u.toVersion
          ? 'up to date'
          : 'nothing to add';
    return `  ${u.code.padEnd(14)} v${u.fromVersion} -> v${u.toVersion}  ${what}`;
  });
  return [head, ...rows].join('\n');
}
