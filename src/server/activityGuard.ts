import { z } from 'zod';

/**
 * The least an incoming body must be for the bot to work on it: an activity with a type, the channel and
 * conversation it belongs to, and where to send replies. Anything else is refused with 400 before it
 * reaches botbuilder (whose validator throws on `{}`), so malformed input can never become a 500.
 */
export const IncomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  channelId: z.string().min(1).max(128),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().max(1024) }).optional(),
  recipient: z.looseObject({ id: z.string().max(1024) }).optional(),
  text: z.string().optional(),
  locale: z.string().max(64).optional(),
  timestamp: z.string().optional(),
  localTimestamp: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string().optional() })).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  membersAdded: z.array(z.looseObject({ id: z.string() })).optional(),
  membersRemoved: z.array(z.looseObject({ id: z.string() })).optional(),
});

/** Why a body is not an activity, for the 400 response; undefined when it is one. */
export function activityProblem(body: unknown): string | undefined {
  const result = IncomingActivity.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'not an activity';
}
