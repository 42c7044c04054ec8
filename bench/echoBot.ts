/**
 * The baseline for bench/turns.ts: the smallest restify + CloudAdapter bot on the same storage
 * (SQLite, conversation state read and saved every turn), echoing the text back.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState } from 'botbuilder';
import restify from 'restify';
import { openStorage } from '../src/storage/openDatabase';

async function main(): Promise<void> {
  const storage = await openStorage(process.env.DATABASE_URL ?? 'sqlite::memory:');
  const conversationState = new ConversationState(storage);
  const turns = conversationState.createProperty<{ count: number }>('turns');
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const state = await turns.get(context, { count: 0 });
    state.count += 1;
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await conversationState.saveChanges(context);
    await next();
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

void main();
