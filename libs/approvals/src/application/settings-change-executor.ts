import type { AuditLog } from '@lumbung/audit';
import type { Tx } from '@lumbung/database';
import type { ApprovalRequestRecord } from '../domain/approval-request';
import type { PreparedAction } from '../domain/prepared-action';
import type { ApprovalRegistry } from './approval-registry';
import { oneManagerApproves, RegisteredExecutor } from './registered-executor';

/**
 * A cooperative's settings replaced whole when a second manager agrees: the payload is checked
 * at submission and again when executed, and the audit log keeps the settings before and after.
 * A domain names its type and audit target and writes how to parse, read and save its settings.
 */
export abstract class SettingsChangeExecutor<Settings> extends RegisteredExecutor {
  readonly defaultRule = oneManagerApproves;
  /** The audit log's target type; the target id is the cooperative's. */
  protected abstract readonly targetType: string;

  protected constructor(
    registry: ApprovalRegistry,
    private readonly audit: AuditLog,
  ) {
    super(registry);
  }

  /** The settings the payload asks for (or an InvalidInputError) and the line approvers read. */
  protected abstract parse(
    tx: Tx,
    cooperativeId: string,
    payload: unknown,
  ): Promise<{ settings: Settings; summary: string }>;

  /** The settings in force, as the audit log's `before`. */
  protected abstract current(tx: Tx, cooperativeId: string): Promise<unknown>;

  protected abstract save(tx: Tx, cooperativeId: string, settings: Settings): Promise<void>;

  /** The request's stored result: the settings, unless a domain says more about them. */
  protected result(_tx: Tx, _cooperativeId: string, settings: Settings): Promise<unknown> {
    return Promise.resolve(settings);
  }

  async prepare(
    tx: Tx,
    input: { readonly cooperativeId: string; readonly payload: unknown },
  ): Promise<PreparedAction> {
    const { settings, summary } = await this.parse(tx, input.cooperativeId, input.payload);
    return { payload: settings, summary };
  }

  async execute(tx: Tx, record: ApprovalRequestRecord): Promise<unknown> {
    const { cooperativeId } = record;
    const { settings } = await this.parse(tx, cooperativeId, record.payload);
    const before = await this.current(tx, cooperativeId);
    await this.save(tx, cooperativeId, settings);
    await this.audit.record(tx, {
      cooperativeId,
      action: this.type,
      targetType: this.targetType,
      targetId: cooperativeId,
      before,
      after: settings,
      reason: record.reason ?? undefined,
    });
    return this.result(tx, cooperativeId, settings);
  }
}
