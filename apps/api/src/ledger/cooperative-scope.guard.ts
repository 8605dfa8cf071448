import { TransactionScope } from '@lumbung/database';
import { type Cooperative, CooperativeService } from '@lumbung/ledger';
import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';

type ScopedRequest = Request & { cooperative?: Cooperative };

/**
 * Resolves `/cooperatives/{cooperativeId}` before any handler runs: an unknown or malformed id is
 * a 404, never a 500. This is the seam where authorisation plugs in (the auth issue): who may
 * act in this cooperative is decided here, with the cooperative already known.
 */
@Injectable()
export class CooperativeScopeGuard implements CanActivate {
  constructor(
    private readonly scope: TransactionScope,
    private readonly cooperatives: CooperativeService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const id = String(request.params.cooperativeId);
    request.cooperative = await this.scope.run((tx) => this.cooperatives.byId(tx, id), {
      readOnly: true,
    });
    return true;
  }
}

/** The cooperative the guard resolved for this request. */
export const ScopedCooperative = createParamDecorator(
  (_: unknown, context: ExecutionContext): Cooperative =>
    context.switchToHttp().getRequest<ScopedRequest>().cooperative!,
);
