/**
 * The bare baseline for `npm run bench:turns`: a botbuilder echo bot, nothing else.
 *
 * restify + CloudAdapter with ConfigurationBotFrameworkAuthentication and no MicrosoftAppId
 * (unauthenticated, as Ketenbot runs without credentials), replying to each message with the text
 * it got (or the Action.Submit value as JSON, for card actions), posted to the activity's serviceUrl.
 * Also answers GET /readyz like Ketenbot, so the bench starts and times both the same way.
 * Plain JavaScript run by plain node: the framework's own cost, with no TypeScript loader in front.
 *
 * Environment: PORT (3978), HOST (127.0.0.1).
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error('echo bot turn failed:', error);
  await context.sendActivity('error').catch(() => undefined);
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      await context.sendActivity(text ?? JSON.stringify(value ?? null));
      await next();
    });
  }
}
const bot = new EchoBot();

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.get('/readyz', (_req, res, next) => { res.send(200, { status: 'ready' }); return next(); });
server.post('/api/messages', async (req, res) => { await adapter.process(req, res, (context) => bot.run(context)); });
server.listen(Number(process.env.PORT ?? 3978), process.env.HOST ?? '127.0.0.1', () => console.log(`echo bot at ${server.url}`));

const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
