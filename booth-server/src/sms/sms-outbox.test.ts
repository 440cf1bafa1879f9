import { exponentialBackoff } from '@onething/contract/wire/retry';
import { afterAll, describe, expect, it } from 'vitest';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { storageEngines } from '../testing/engines.ts';
import { SimulatedSmsGateway } from './simulated-sms-gateway.ts';
import { SmsOutbox } from './sms-outbox.ts';
import { smsText } from './sms-texts.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

describe.each(engines)('text messages to citizens on $name', (engine) => {
  it.skipIf(!!engine.skip)(
    'stores the number encrypted, retries after the policy’s delay and sends once',
    async () => {
      const db = await engine.open();
      let now = Date.parse('2026-12-07T20:00:00+08:00');
      const gateway = new SimulatedSmsGateway();
      const policy = exponentialBackoff({ initialMs: 5_000, maxMs: 60_000 });
      const outbox = new SmsOutbox({
        db: db.db,
        gateway,
        cipher: FieldCipher.ephemeral(),
        nextRetryDelayMs: policy,
        intervalMs: 60_000,
        now: () => now,
      });
      await outbox.enqueue(db.db, {
        template: 'callBackBooked',
        phone: '13812345678',
        params: { site: '番禺区政务服务中心', hotline: '12345' },
      });
      const row = await db.db.selectFrom('sms_outbox').selectAll().executeTakeFirstOrThrow();
      expect(row.phone_enc).not.toContain('13812345678');
      expect(row.phone_masked).toBe('138****5678');

      gateway.failNext(2);
      expect(await outbox.deliver()).toBe(0);
      expect(await outbox.pending()).toBe(1);
      // not due again before the policy's first delay
      now += 4_999;
      expect(await outbox.deliver()).toBe(0);
      expect(gateway.attempts).toBe(1);
      now += 1;
      expect(await outbox.deliver()).toBe(0);
      now += policy({ attempt: 2, elapsedMs: 0 }) ?? 0;
      expect(await outbox.deliver()).toBe(1);
      expect(await outbox.deliver()).toBe(0);
      expect(await outbox.pending()).toBe(0);

      expect(gateway.sent).toHaveLength(1);
      expect(gateway.sent[0]?.to).toBe('13812345678');
      expect(gateway.sent[0]?.text).toBe(
        '【一件事一次办】您在番禺区政务服务中心政务服务终端预约的回电已登记，工作人员将在服务时间内尽快致电您。如有急事请拨打政务服务便民热线12345。',
      );
      await db.close();
    },
  );
});

describe('SMS texts', () => {
  it('refuses a text with a missing value rather than sending a blank', () => {
    expect(() => smsText('correctionRequested', { caseNumber: 'X' })).toThrow('{materials}');
  });
});
