import assert from 'node:assert/strict';
import { sendTurn, startServerProcess, type ServerProcess } from '../support/serverProcess';
import { usePostgresTestSchema } from '../storage/postgresTestSchema';
import { createLocalizer } from '../../src/i18n/localizer';
import { LOCALES_DIR } from '../../src/projectPaths';

function turn(server: ServerProcess, text: string): Promise<string> {
  return sendTurn(server, 'shared-conv', 'shared-user', text);
}

describe('two bot processes behind a load balancer on one PostgreSQL', () => {
  const schema = usePostgresTestSchema();

  it('continue one conversation whichever process gets each message, and share its tickets', async function () {
    this.timeout(90_000);
    const env = {
      DATABASE_URL: schema().url,
      AGENT_API_TOKEN: 'agent-token-for-tests-0123456789',
      LOCAL_WEBCHAT: 'false',
    };
    const a = await startServerProcess(env);
    const b = await startServerProcess(env);
    const zh = (await createLocalizer(LOCALES_DIR, 'en')).t('zh-CN');
    try {
      assert.ok((await turn(a, '中文')).includes(zh('chat:language.switched')));
      const question = await turn(b, 'Document photo unclear');
      assert.ok(
        question.includes(zh('topics:photo_unclear.offerCheck')),
        `process B knows the language chosen through A: ${question}`,
      );
      const next = await turn(a, 'Not now');
      assert.ok(
        next.includes(zh('topics:common.askHelped')),
        `process A continued B's question in the chosen language: ${next}`,
      );
      await turn(b, zh('topics:common.helpedNo'));
      await turn(a, '人工客服');
      const shown = await turn(b, zh('tickets:skip'));
      const number = /KYC-[0-9A-Z]{7}/.exec(shown)?.[0];
      assert.ok(number, shown);
      const res = await fetch(`${a.baseUrl}/api/tickets/${number}`, {
        headers: { authorization: 'Bearer agent-token-for-tests-0123456789' },
      });
      assert.equal(res.status, 200, 'the ticket filed through B is visible through A');
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });
});
