import { z } from 'zod';

/**
 * An optional field for which Bot Framework clients may send `null` instead of leaving it out: `null`
 * reads as absent, any other value must match `schema`.
 */
function absent<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema.optional());
}

/**
 * The least an incoming body must be for the bot to work on it: an activity with a type, the channel and
 * conversation it belongs to, and where to send replies. Anything else is refused with 400 before it
 * reaches botbuilder (whose validator throws on `{}`), so malformed input can never become a 500.
 * Optional fields may be `null` (clients send it for "absent"); a wrong type is still refused.
 */
export const IncomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: absent(z.string().max(1024)),
  channelId: z.string().min(1).max(128),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: absent(z.looseObject({ id: z.string().max(1024) })),
  recipient: absent(z.looseObject({ id: z.string().max(1024) })),
  text: absent(z.string()),
  locale: absent(z.string().max(64)),
  timestamp: absent(z.string()),
  localTimestamp: absent(z.string()),
  entities: absent(z.array(z.looseObject({ type: absent(z.string()) }))),
  attachments: absent(z.array(z.looseObject({}))),
  membersAdded: absent(z.array(z.looseObject({ id: z.string() }))),
  membersRemoved: absent(z.array(z.looseObject({ id: z.string() }))),
});

/** An incoming body as the bot works on it, or why it is not an activity (for the 400 response). */
export type ParsedActivity =
  | { activity: Record<string, unknown> & { serviceUrl: string }; problem?: undefined }
  | { problem: string; activity?: undefined };

/**
 * Checks a body and returns the activity with every top-level `null` removed: the fields above and any
 * other (`value`, `channelData`, `replyToId`…) that botbuilder and the bot read as "absent when undefined".
 */
export function parseActivity(body: unknown): ParsedActivity {
  const result = IncomingActivity.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { problem: issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not an activity' };
  }
  const activity: Record<string, unknown> = result.data;
  for (const [key, value] of Object.entries(activity)) {
    // Required fields cannot be null here: the schema refused them.
    if (value === null || value === undefined) delete activity[key];
  }
  return { activity: activity as Record<string, unknown> & { serviceUrl: string } };
}
