import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as SlackLogger, type Receiver, type ReceiverEvent } from '@slack/bolt';

import type { Request, Response } from 'restify';
import { parseSlackBody } from './slack-body.ts';

const BODY_LIMIT = 1024 * 1024;
/** Slack's rule: a request timestamp more than five minutes from now, either way, is refused. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Bolt's transport on our restify server: one URL for commands, interactivity and events.
 * Bolt's own functions verify the signature on the raw bytes (restify's body parser is kept off
 * this route) and ack within Slack's 3 seconds. Around them: timestamps in the future are refused
 * too (Bolt only checks the past), and a verified body the listeners could not read is a 400.
 */
export class RestifyReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly logger: SlackLogger,
    private readonly now: () => number = Date.now,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  /** The restify server is started and stopped by the bot itself. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** The restify handler for POST /slack/events. */
  readonly handle = async (req: Request, res: Response): Promise<void> => {
    // raw-body (under Bolt) counts while reading but never looks at Content-Length: refuse that up front.
    if (Number(req.headers['content-length']) > BODY_LIMIT) {
      res.setHeader('connection', 'close');
      return this.refuse(res, 413, 'the body is larger than 1 MB');
    }
    let verified;
    try {
      verified = await http.parseAndVerifyHTTPRequest({ enabled: true, signingSecret: this.signingSecret, bodyLimit: BODY_LIMIT }, req);
    } catch (error) {
      const tooLarge = http.isRawBodyError(error) && ((error as { statusCode?: number }).statusCode === 413 || (error as { type?: string }).type === 'entity.too.large');
      if (tooLarge) res.setHeader('connection', 'close');
      return this.refuse(res, tooLarge ? 413 : 401, (error as Error).message);
    }
    const raw = verified.rawBody.toString('utf8');
    // Bolt lets ssl_check through unsigned (it keeps nothing else of that body); all else is signed.
    if (raw !== 'ssl_check=1') {
      const skew = Math.abs(Math.floor(this.now() / 1000) - Number(req.headers['x-slack-request-timestamp']));
      if (!(skew <= MAX_CLOCK_SKEW_SECONDS)) return this.refuse(res, 401, 'x-slack-request-timestamp is more than 5 minutes from now');
    }
    const parsed = parseSlackBody(raw, req.headers['content-type']);
    if ('problem' in parsed) return this.refuse(res, 400, `malformed body: ${parsed.problem}`);
    const body = parsed.body;
    if (body.ssl_check === '1' || body.type === 'app_rate_limited') return http.buildSSLCheckResponse(res);
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

  /** One warn line, no stack; the reason stays in the log (Slack shows no body). */
  private refuse(res: Response, status: number, reason: string): void {
    this.logger.warn(`Slack request refused (${status}): ${reason.split('\n')[0]!.slice(0, 200)}`);
    http.buildNoBodyResponse(res, status);
  }
}
