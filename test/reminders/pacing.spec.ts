import { strict as assert } from 'node:assert';
import { Pacer } from '../../src/reminders/pacer';
import { DEFAULT_RETRY, retryAfterMs, verdictFor } from '../../src/reminders/retryPolicy';
import { DEFAULT_LEAD_MINUTES, deadlineInstant, isPast, remindersAhead } from '../../src/reminders/schedule';

describe('reminder pacing, retries and schedule', () => {
  describe('Pacer', () => {
    it('lets one message per second through per conversation', () => {
      let now = 1_000_000;
      const pacer = new Pacer({ perConversationMs: 1000, globalPerSecond: 0, now: () => now });
      assert.equal(pacer.delayFor('a'), 0);
      pacer.reserve('a');
      assert.equal(pacer.delayFor('a'), 1000);
      assert.equal(pacer.delayFor('b'), 0, 'other conversations are not held up');
      now += 400;
      assert.equal(pacer.delayFor('a'), 600);
      now += 600;
      assert.equal(pacer.delayFor('a'), 0);
    });

    it('spreads messages to many conversations at the global rate', () => {
      let now = 0;
      const pacer = new Pacer({ perConversationMs: 1000, globalPerSecond: 10, now: () => now });
      const sentAt: number[] = [];
      for (let i = 0; i < 30; i++) {
        now += pacer.delayFor(`c${i}`);
        pacer.reserve(`c${i}`);
        sentAt.push(now);
      }
      // 30 messages at 10 per second: the last leaves 2.9 s after the first, never faster.
      assert.equal(sentAt[29], 2900);
      for (let i = 1; i < sentAt.length; i++) assert.ok((sentAt[i] as number) - (sentAt[i - 1] as number) >= 100);
    });

    it('is off when both limits are off', () => {
      assert.equal(new Pacer({ perConversationMs: 0, globalPerSecond: 0 }).disabled, true);
      assert.equal(new Pacer({ perConversationMs: 1000, globalPerSecond: 0 }).disabled, false);
    });
  });

  describe('verdictFor', () => {
    const http = (status: number, headers: Record<string, string> = {}) =>
      Object.assign(new Error(`HTTP ${status}`), { statusCode: status, response: { status, headers } });

    it('retries a 429 no sooner than Retry-After', () => {
      const v = verdictFor(http(429, { 'retry-after': '3' }), 1, { ...DEFAULT_RETRY, random: () => 0.5 });
      assert.equal(v.action, 'retry');
      assert.ok(v.action === 'retry' && v.delayMs >= 3000 && v.delayMs <= 3250, JSON.stringify(v));
    });

    it('backs off exponentially with jitter when there is no Retry-After', () => {
      const delays = [1, 2, 3, 4].map((attempt) => verdictFor(http(429), attempt, { ...DEFAULT_RETRY, random: () => 1 }));
      assert.deepEqual(
        delays.map((v) => (v.action === 'retry' ? v.delayMs : -1)),
        [1000, 2000, 4000, 8000],
      );
      const low = verdictFor(http(429), 4, { ...DEFAULT_RETRY, random: () => 0 });
      assert.deepEqual(low, { action: 'retry', delayMs: 4000 });
    });

    it('deactivates on 403 and 404 (bot removed or blocked)', () => {
      assert.deepEqual(verdictFor(http(403), 1), { action: 'deactivate', reason: 'HTTP 403' });
      assert.deepEqual(verdictFor(http(404), 1), { action: 'deactivate', reason: 'HTTP 404' });
    });

    it('gives up after the bounded number of attempts', () => {
      assert.equal(verdictFor(http(500), DEFAULT_RETRY.maxAttempts - 1).action, 'retry');
      assert.equal(verdictFor(http(500), DEFAULT_RETRY.maxAttempts).action, 'fail');
      assert.equal(verdictFor(new Error('socket hang up'), DEFAULT_RETRY.maxAttempts).action, 'fail');
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
      assert.equal(retryAfterMs({ response: { headers: { 'retry-after': '2' } } }), 2000);
      const now = Date.parse('2026-11-21T10:00:00Z');
      assert.equal(retryAfterMs({ response: { headers: { get: () => 'Sat, 21 Nov 2026 10:00:05 GMT' } } }, now), 5000);
      assert.equal(retryAfterMs(new Error('x')), undefined);
    });
  });

  describe('schedule', () => {
    it('sends a date without a time at 09:00 UTC, and keeps a date-time as written', () => {
      assert.equal(new Date(deadlineInstant('2014-06-30')).toISOString(), '2014-06-30T09:00:00.000Z');
      assert.equal(new Date(deadlineInstant('2026-12-01T10:30:00Z')).toISOString(), '2026-12-01T10:30:00.000Z');
    });

    it('schedules 30, 7 and 1 day before and on the day, only those still ahead', () => {
      const now = Date.parse('2026-11-25T12:00:00Z');
      const ahead = remindersAhead('2026-12-01', DEFAULT_LEAD_MINUTES, now);
      assert.deepEqual(
        ahead.map((r) => [r.leadMinutes, new Date(r.dueAt).toISOString()]),
        [
          [1440, '2026-11-30T09:00:00.000Z'],
          [0, '2026-12-01T09:00:00.000Z'],
        ],
      );
      assert.deepEqual(remindersAhead('2014-06-30', DEFAULT_LEAD_MINUTES, now), []);
      assert.equal(isPast('2014-06-30', now), true);
    });
  });
});
