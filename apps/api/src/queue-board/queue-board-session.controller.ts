import { type Principal, QueueBoardPasses } from '@lumbung/auth';
import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, PlatformAdmin } from '../auth/access';
import { queueBoardCookie } from './queue-board.gate';
import { queueBoardPath } from './queue-board';

/**
 * A browser cannot put a bearer token on a page it navigates to, so an admin trades theirs for
 * a short-lived cookie that only the board's path ever receives.
 */
@ApiTags('operations')
@Controller('admin/queues')
export class QueueBoardSessionController {
  constructor(private readonly passes: QueueBoardPasses) {}

  @Post('session')
  @HttpCode(200)
  @PlatformAdmin()
  async open(
    @CurrentPrincipal() admin: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const pass = await this.passes.issue(admin);
    response.cookie(queueBoardCookie, pass.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: queueBoardPath,
      maxAge: pass.expiresIn * 1000,
    });
    return { url: `${queueBoardPath}/`, expiresIn: pass.expiresIn };
  }
}
