import { UserService } from '@lumbung/auth';
import { TransactionScope } from '@lumbung/database';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '@lumbung/auth';
import { PageQuery } from '../ledger/ledger-queries.dto';
import { CurrentPrincipal, PlatformAdmin } from './access';

export class CreateUserRequest {
  @ApiProperty({ example: 'ina.teller' })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Ina Ndun' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MaxLength(256)
  password!: string;
}

export class ReasonRequest {
  @ApiProperty({ example: 'left the cooperative' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

/** Platform admins keep the list of people; what they may do is granted per cooperative. */
@ApiTags('users')
@PlatformAdmin()
@Controller('users')
export class UsersController {
  constructor(
    private readonly scope: TransactionScope,
    private readonly users: UserService,
  ) {}

  @Post()
  create(@Body() body: CreateUserRequest, @CurrentPrincipal() admin: Principal) {
    return this.scope.run((tx) => this.users.create(tx, body, admin.userId));
  }

  @Get()
  list(@Query() page: PageQuery) {
    return this.scope.run(
      (tx) => this.users.list(tx, { after: page.after, limit: page.limit ?? 100 }),
      {
        readOnly: true,
      },
    );
  }

  @Get(':userId')
  user(@Param('userId') userId: string) {
    return this.scope.run((tx) => this.users.byId(tx, userId), { readOnly: true });
  }

  @Post(':userId/disable')
  @HttpCode(200)
  disable(
    @Param('userId') userId: string,
    @Body() body: ReasonRequest,
    @CurrentPrincipal() admin: Principal,
  ) {
    return this.scope.run((tx) => this.users.disable(tx, userId, admin.userId, body.reason));
  }
}
