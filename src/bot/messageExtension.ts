import { z } from 'zod';
import { StatusCodes, type InvokeResponse, type TurnContext } from '../framework';
import { attachmentBytes, cardAttachment } from '../cards/adaptiveCard';
import { answerCard } from '../cards/answerCard';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Lang } from '../knowledge/schema';
import { parseRefKey, type SearchResult, type SupportSearch } from '../search/supportSearch';

/** The search command's id, as in `manifest/manifest.json` (`composeExtensions[0].commands[0].id`). */
export const SEARCH_COMMAND_ID = 'searchSupport';

/** Teams refuses a message extension card above 28 KB; a result whose card is bigger is left out. */
export const MAX_RESULT_CARD_BYTES = 28 * 1024;

/**
 * What Teams posts for a search (`composeExtension/query`). The Agents Playground may leave out the
 * command id and the parameter's name: the one command and its first parameter are meant.
 */
const QueryValue = z.object({
  commandId: z.string().max(100).optional(),
  parameters: z
    .array(z.object({ name: z.string().max(100).optional(), value: z.unknown().optional() }))
    .max(10)
    .optional(),
});

/** What the bot put in a result, posted back by `composeExtension/selectItem` (when a client sends it). */
const SelectItemValue = z.object({ ref: z.string().max(200), lang: z.enum(['en', 'fr']).optional() });

/** The language of the person searching (Teams' locale), English unless French. */
function langOf(context: TurnContext): Lang {
  return context.activity.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function badRequest(error: string): InvokeResponse {
  return { status: StatusCodes.BAD_REQUEST, body: { error } };
}

/** A plain message in the result pane instead of results (nothing matched, nothing typed). */
function message(text: string): InvokeResponse {
  return { status: StatusCodes.OK, body: { composeExtension: { type: 'message', text } } };
}

/**
 * The message extension: a search command over clients, servers and providers. Each result is the
 * support card (the answer and its source, no buttons that talk to the bot, under 28 KB) with a
 * thumbnail preview for the list; picking it inserts the card into the message being written.
 */
export class MessageExtension {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly search: SupportSearch,
  ) {}

  /** `composeExtension/query`: results, or a message when there are none; 400 for a malformed value. */
  query(context: TurnContext): InvokeResponse {
    const value = QueryValue.safeParse(context.activity.value);
    if (!value.success) return badRequest(`not a search query: ${value.error.issues[0]?.path.join('.') || 'value'}`);
    const { commandId, parameters = [] } = value.data;
    if (commandId !== undefined && commandId !== SEARCH_COMMAND_ID) return badRequest(`unknown command "${commandId.slice(0, 40)}"`);
    const lang = langOf(context);
    if (parameters.some((p) => p.name === 'initialRun')) return this.results(this.search.initial(lang));
    const typed = parameters.find((p) => p.name !== 'initialRun')?.value;
    const query = typeof typed === 'string' ? typed.trim() : '';
    if (query === '') return message(this.kb.message('search_empty', lang));
    const found = this.search.search(query, lang);
    if (found.length === 0) return message(this.kb.message('search_no_match', lang, { query: query.slice(0, 60) }));
    return this.results(found);
  }

  /** `composeExtension/selectItem`: the card of the result picked (for clients that ask for it by tap). */
  selectItem(context: TurnContext): InvokeResponse {
    const value = SelectItemValue.safeParse(context.activity.value);
    const ref = value.success ? parseRefKey(value.data.ref) : undefined;
    if (!value.success || !ref) return badRequest('not a search result');
    const lang = value.data.lang ?? langOf(context);
    const result = this.search.resolve(ref, lang);
    if (!result) return message(this.kb.message('search_no_match', lang, { query: value.data.ref.slice(0, 60) }));
    return this.results([result]);
  }

  private results(found: readonly SearchResult[]): InvokeResponse {
    const attachments = found.flatMap((r) => {
      const card = answerCard(this.kb, r.answer, { shared: true });
      if (!card) return [];
      const attachment = {
        ...cardAttachment(card),
        preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title: r.title, text: r.text } },
      };
      return attachmentBytes(attachment) <= MAX_RESULT_CARD_BYTES ? [attachment] : [];
    });
    return { status: StatusCodes.OK, body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } } };
  }
}
