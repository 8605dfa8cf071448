import { QueueBoardPasses } from '@lumbung/auth';
import { createLogger, type Environment, EnvironmentError, PinoNestLogger } from '@lumbung/core';
import { type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { ApiModule } from './api.module';
import { loggableRequest } from './http/loggable-request';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { assignRequestId } from './http/request-context.middleware';
import { validationPipe } from './http/validation';
import { QueueBoard, queueBoardPath } from './queue-board/queue-board';
import { queueBoardGate } from './queue-board/queue-board.gate';

export interface ApiOptions {
  /** Extra modules mounted beside the api's own (tests mount fixtures here). */
  readonly extraModules?: Array<Type | DynamicModule>;
  /** The worker's Redis key prefix, for the queue board (default "lumbung"). */
  readonly queuePrefix?: string;
}

/** The HTTP api, configured but not listening: main.ts, the demo and the e2e tests share it. */
export async function createApiApplication(
  env: Environment,
  options: ApiOptions = {},
): Promise<INestApplication> {
  if (!env.jwtSecret) {
    throw new EnvironmentError(['JWT_SECRET is required by the api (32 characters or more)']);
  }
  const logger = createLogger(env.logLevel, 'lumbung-api');
  const root: DynamicModule = { ...ApiModule.forRoot(env, { queuePrefix: options.queuePrefix }) };
  root.imports = [...(root.imports ?? []), ...(options.extraModules ?? [])];
  const app = await NestFactory.create(root, new ExpressAdapter(), {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
    abortOnError: false,
  });
  // CORS stays off (Nest enables it only when asked): browsers on other origins get nothing.
  app.use(helmet());
  app.use(assignRequestId);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as { id?: string }).id ?? '',
      quietReqLogger: true,
      serializers: {
        req: loggableRequest,
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // Plain Express like Swagger UI, ahead of Nest's routes: the gate passes the session POST on.
  app.use(queueBoardPath, queueBoardGate(app.get(QueueBoardPasses)), app.get(QueueBoard).app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  if (!env.ownerUrlIsSeparate) {
    logger.warn(
      'DATABASE_OWNER_URL is unset: the api connects as the schema owner, so append-only rests on triggers alone',
    );
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lumbung')
      .setDescription(
        'Ledger for Indonesian savings-and-loan cooperatives and their partners abroad',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
