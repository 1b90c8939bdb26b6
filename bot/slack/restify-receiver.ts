import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as SlackLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';

import type { Request, Response } from 'restify';

const BODY_LIMIT = 1024 * 1024;

/**
 * Bolt's transport on our restify server: one URL for commands, interactivity and events.
 * It only moves requests: Bolt's own functions verify the signature on the raw bytes (restify's
 * body parser is kept off this route), answer url_verification, and ack within Slack's 3 seconds.
 */
export class RestifyReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly logger: SlackLogger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  /** The restify server is started and stopped by the bot itself. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** The restify handler for POST /slack/events. */
  readonly handle = async (req: Request, res: Response): Promise<void> => {
    let verified;
    try {
      verified = await http.parseAndVerifyHTTPRequest({ enabled: true, signingSecret: this.signingSecret, bodyLimit: BODY_LIMIT }, req);
    } catch (error) {
      const tooLarge = http.isRawBodyError(error) && ((error as { statusCode?: number }).statusCode === 413 || (error as { type?: string }).type === 'entity.too.large');
      this.logger.warn(`Slack request refused: ${(error as Error).message}`);
      return http.buildNoBodyResponse(res, tooLarge ? 413 : 401);
    }
    let body: Record<string, any>;
    try {
      body = http.parseHTTPRequestBody(verified);
    } catch (error) {
      this.logger.warn(`Malformed Slack request body: ${(error as Error).message}`);
      return http.buildNoBodyResponse(res, 400);
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);

    const ack = new HTTPResponseAck({ logger: this.logger, processBeforeResponse: false, httpRequest: verified, httpRequestBody: body, httpResponse: res });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
    };
    try {
      await this.app?.processEvent(event);
      if (ack.storedResponse !== undefined) http.buildContentResponse(res, ack.storedResponse);
    } catch (error) {
      this.logger.error(`Slack event failed: ${(error as Error).message}`);
      if (!res.headersSent) ack.ack();
    }
  };
}
