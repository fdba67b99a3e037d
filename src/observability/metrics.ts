import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerKind } from '../answers/answer';
import type { FeedbackRecord, QuestionLog, UnansweredRecord } from '../bot/questionLog';

/** What a turn ended with, as counted: one label value per kind of reply. */
export type TurnOutcome =
  | 'answered'
  | 'declined'
  | 'clarified'
  | 'help'
  | 'message'
  | 'reminder'
  | 'feedback'
  | 'invoke'
  | 'no-reply'
  | 'error';

/** How a proactive send (a reminder, an expert ticket's post or answer) ended. */
export type SendOutcome = 'sent' | 'retry' | 'deactivated' | 'failed';

/** Queues whose depth `/metrics` reports. */
export type QueueName = 'reminders' | 'experts';

/** Turn latency buckets (seconds): a turn takes milliseconds; a slow connector seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The bot's Prometheus metrics, on a registry of its own (never prom-client's global one, so that
 * several apps can live in one process: tests build many). `GET /metrics` serves `registry`.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly turns: Counter<'channel' | 'outcome'>;
  readonly answerSeconds: Histogram<'channel'>;
  readonly declined: Counter<'reason'>;
  readonly feedback: Counter<'verdict'>;
  readonly sends: Counter<'queue' | 'outcome'>;
  readonly queueDepth: Gauge<'queue'>;
  private readonly depthReaders = new Map<QueueName, () => Promise<number>>();

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.turns = new Counter({
      name: 'bot_turns_total',
      help: 'Turns handled, by channel and outcome (answered, declined, clarified, help, message, reminder, feedback, invoke, no-reply, error).',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.answerSeconds = new Histogram({
      name: 'bot_answer_duration_seconds',
      help: 'Time from receiving a message to having replied, by channel.',
      labelNames: ['channel'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.declined = new Counter({
      name: 'bot_declined_questions_total',
      help: 'Questions the bot could not answer, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.feedback = new Counter({
      name: 'bot_feedback_total',
      help: 'Verdicts given on answers (helpful, not_helpful).',
      labelNames: ['verdict'],
      registers,
    });
    this.sends = new Counter({
      name: 'bot_proactive_sends_total',
      help: 'Proactive sends by queue (reminders, experts) and outcome (sent, retry, deactivated, failed).',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    const readers = this.depthReaders;
    this.queueDepth = new Gauge({
      name: 'bot_send_queue_depth',
      help: 'Proactive sends due and not yet delivered, by queue.',
      labelNames: ['queue'],
      registers,
      async collect() {
        // A database that does not answer leaves the last value: /readyz is where that shows.
        await Promise.all(
          [...readers].map(async ([queue, read]) => {
            try {
              this.set({ queue }, await read());
            } catch {
              /* keep the last value */
            }
          }),
        );
      },
    });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** How to read a queue's depth when `/metrics` is scraped. */
  watchQueue(queue: QueueName, read: () => Promise<number>): void {
    this.depthReaders.set(queue, read);
  }

  /** A counter for a scheduler's outcomes. */
  sendOutcomes(queue: QueueName): (outcome: SendOutcome) => void {
    return (outcome) => this.sends.inc({ queue, outcome });
  }

  /** The text `GET /metrics` answers, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The outcome a rendered answer gives its turn. */
export function outcomeOf(kind: AnswerKind): TurnOutcome {
  switch (kind) {
    case 'cannot-answer':
      return 'declined';
    case 'prompt':
      return 'clarified';
    case 'welcome':
    case 'help':
      return 'help';
    case 'message':
      return 'message';
    case 'reminders':
    case 'reminder':
      return 'reminder';
    default:
      return 'answered';
  }
}

/** The question log, counting declined questions and feedback verdicts as they are recorded. */
export function countingQuestionLog(log: QuestionLog, metrics: BotMetrics): QuestionLog {
  return {
    recordFeedback: async (record: FeedbackRecord) => {
      metrics.feedback.inc({ verdict: record.helpful ? 'helpful' : 'not_helpful' });
      await log.recordFeedback(record);
    },
    recordUnanswered: async (record: UnansweredRecord) => {
      metrics.declined.inc({ reason: record.reason });
      await log.recordUnanswered(record);
    },
  };
}
