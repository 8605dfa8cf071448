import { AuthenticationService, type Principal } from '@lumbung/auth';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Authenticated, CurrentPrincipal, Public } from './access';
import { LoginRequest, RefreshRequest } from './auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly authentication: AuthenticationService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  login(@Body() body: LoginRequest, @Req() request: Request) {
    return this.authentication.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  refresh(@Body() body: RefreshRequest) {
    return this.authentication.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.authentication.logout(principal);
  }

  @Get('me')
  @Authenticated()
  me(@CurrentPrincipal() principal: Principal) {
    return {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      grants: principal.grants,
    };
  }
}
