import { InvalidInputError } from '@lumbung/core';
import { Injectable } from '@nestjs/common';
import type { ApprovalExecutor } from './approval-executor';

const typePattern = /^[a-z][a-z0-9_.-]{0,99}$/;

/** The executors of the running process, one per action type. */
@Injectable()
export class ApprovalRegistry {
  private readonly executors = new Map<string, ApprovalExecutor>();

  register(executor: ApprovalExecutor): void {
    if (!typePattern.test(executor.type)) {
      throw new Error(`Approval type "${executor.type}" must match ${typePattern}`);
    }
    if (this.executors.has(executor.type)) {
      throw new Error(`Approval type "${executor.type}" already has an executor`);
    }
    const { requiredApprovals, approverRoles } = executor.defaultRule;
    if (!Number.isInteger(requiredApprovals) || requiredApprovals < 1 || !approverRoles.length) {
      throw new Error(`Approval type "${executor.type}" has an unsatisfiable default rule`);
    }
    this.executors.set(executor.type, executor);
  }

  find(type: string): ApprovalExecutor | undefined {
    return this.executors.get(type);
  }

  /** The executor for a type a caller named; an unknown type is the caller's mistake. */
  executor(type: string): ApprovalExecutor {
    const found = this.executors.get(type);
    if (!found) {
      throw new InvalidInputError(`Unknown approval type "${type}"`, [
        { field: 'type', message: 'an action type that needs approval' },
      ]);
    }
    return found;
  }

  types(): string[] {
    return [...this.executors.keys()].sort();
  }
}
