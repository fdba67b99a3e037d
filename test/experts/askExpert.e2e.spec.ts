import { strict as assert } from 'node:assert';
import { post, postForBody } from '../../scripts/lib/activities';
import type { AdaptiveCard } from '../../src/cards/adaptiveCard';
import { realKnowledge } from '../helpers/knowledge';
import { startBot, type RunningBot } from '../helpers/server';
import {
  Asker,
  EXPERT,
  EXPERTS_CHANNEL,
  OWNER,
  STRANGER,
  cardOf,
  cardTexts,
  channelActivity,
  eventually,
  executeAction,
  seatTeam,
  walk,
} from '../helpers/experts';

const DECLINED_EN = 'is lync 2010 supported on Skype for Business Server 2015?';
const DECLINED_FR = 'Lync 2010 est-il pris en charge sur Skype for Business Server 2015 ?';

type InvokeBody = { statusCode?: number; type?: string; value?: unknown };

/**
 * Ask an expert end to end over HTTP, with Teams-shaped activities and the connector stand-in (which also
 * answers the Teams members API): a declined question or an unhelpful answer goes to the experts' channel
 * as a ticket card; an expert assigns, answers or closes it there; the asker receives the reply.
 */
describe('Ask an expert over HTTP (Teams activities, SQLite)', function () {
  this.timeout(60_000);
  const kb = realKnowledge();
  let bot: RunningBot;
  before(async () => {
    bot = await startBot({ REMINDER_POLL_MS: '50', REMINDER_CONVERSATION_INTERVAL_MS: '0' });
    seatTeam(bot.connector);
  });
  after(async () => bot.stop());

  const asker = (conversationId: string, locale = 'en-US', from = 'asker-1') =>
    new Asker(() => bot.botUrl, bot.connector, bot.serviceUrl, conversationId, locale, from);
  const inChannel = (o: Parameters<typeof channelActivity>[0] extends infer T ? Omit<T & object, 'serviceUrl'> : never) =>
    postForBody(bot.botUrl, channelActivity({ serviceUrl: bot.serviceUrl, ...o }));
  const tickets = () => bot.connector.recordsIn(EXPERTS_CHANNEL);
  const act = async (
    from: { id: string; name: string },
    ticket: { card: AdaptiveCard; id: string },
    verb: string,
    inputs: Record<string, string> = {},
  ) => {
    const action = executeAction(ticket.card, verb);
    const res = await inChannel({ from, thread: ticket.id, replyToId: ticket.id, invoke: { verb, data: { ...action.data, ...inputs } } });
    return { status: res.status, body: res.body as InvokeBody };
  };

  it("without an experts' channel, says so honestly and keeps the question in the unanswered log", async () => {
    const alex = asker('a:no-experts');
    const { card, id } = await alex.ask(DECLINED_EN);
    const ask = executeAction(card, 'expert/ask');
    const { status, body } = await alex.press('expert/ask', { ...ask.data, expertNote: 'we run it next to 2013' }, id);
    assert.equal(status, 200);
    assert.match(cardTexts(body.value as AdaptiveCard), new RegExp(kb.message('expert_no_experts', 'en').slice(0, 30)));
    assert.equal(tickets().length, 0, 'nothing posted');
    const unanswered = await bot.app.feedback.listUnanswered();
    assert.ok(
      unanswered.some((u) => u.question === DECLINED_EN),
      JSON.stringify(unanswered),
    );
  });

  it("only a team owner sets the experts' channel, in the channel itself; the bot confirms", async () => {
    const refused = await post(
      bot.botUrl,
      channelActivity({ serviceUrl: bot.serviceUrl, from: EXPERT, text: 'use this channel for expert questions' }),
    );
    assert.equal(refused, 200);
    const replies = () => bot.connector.received.filter((r) => r.conversationId.startsWith(EXPERTS_CHANNEL));
    assert.match(String(replies().at(-1)?.activity.text), /Only an owner of this team/);
    assert.equal(await bot.app.experts.store.channel(), undefined, 'nothing set by a member');
    await post(bot.botUrl, channelActivity({ serviceUrl: bot.serviceUrl, from: OWNER, text: 'Use this channel for expert questions.' }));
    assert.match(String(replies().at(-1)?.activity.text), /^Done: questions for the experts will be posted in this channel/);
    assert.equal((await bot.app.experts.store.channel())?.conversation_id, EXPERTS_CHANNEL);
    await post(bot.botUrl, channelActivity({ serviceUrl: bot.serviceUrl, from: OWNER, text: 'use this channel for expert questions' }));
    assert.match(String(replies().at(-1)?.activity.text), /already receives/);
  });

  it("ask → ticket card in the experts' channel → assign → answer → the asker receives it and the card is updated for everyone", async () => {
    const alex = asker('a:asker-en');
    const { card, id } = await alex.ask(DECLINED_EN);
    const ask = executeAction(card, 'expert/ask');
    assert.equal((ask.data as { question?: string }).question, DECLINED_EN, 'the question as typed');
    const asked = await alex.press('expert/ask', { ...ask.data, expertNote: 'Pilot group of 40 users' }, id);
    assert.equal(asked.status, 200);
    const confirmed = asked.body.value as AdaptiveCard;
    assert.match(cardTexts(confirmed), /Your question has gone to the experts/);
    assert.equal(JSON.stringify(confirmed).includes('expert/ask'), false, 'the button is gone');

    await eventually(() => tickets().length === 1, "the ticket card is posted in the experts' channel");
    const posted = tickets()[0];
    assert.ok(posted);
    const ticketCard = cardOf(posted.activity);
    const text = cardTexts(ticketCard);
    assert.match(text, /Question for the experts/);
    assert.ok(text.includes(DECLINED_EN), text);
    assert.match(text, /Pilot group of 40 users/);
    assert.match(text, /The bot could not answer it/);
    assert.match(text, /Language: English/);
    assert.match(text, /Asked by: <at>Alex Admin<\/at>/);
    assert.deepEqual(ticketCard.msteams?.entities, [
      { type: 'mention', text: '<at>Alex Admin</at>', mentioned: { id: '29:asker-1', name: 'Alex Admin' } },
    ]);
    const ticket = { card: ticketCard, id: posted.responseId };

    // Assign: the card comes back assigned, and is updated in place for the channel.
    const assigned = await act(EXPERT, ticket, 'ticket/assign');
    assert.equal(assigned.status, 200);
    const assignedCard = assigned.body.value as AdaptiveCard;
    assert.match(cardTexts(assignedCard), /Status: Assigned to Eve Expert/);
    const update = bot.connector.updated.at(-1);
    assert.equal(update?.responseId, ticket.id, 'the ticket message is updated');
    assert.match(cardTexts(cardOf(update?.activity)), /Assigned to Eve Expert/);

    // An empty answer changes nothing.
    const empty = await act(EXPERT, { card: assignedCard, id: ticket.id }, 'ticket/answer', { ticketAnswer: '   ' });
    assert.match(cardTexts(empty.body.value as AdaptiveCard), /Write the answer before sending it/);

    const answered = await act(EXPERT, { card: assignedCard, id: ticket.id }, 'ticket/answer', {
      ticketAnswer: 'Yes: Lync 2010 clients sign in to Skype for Business Server 2015.',
    });
    const answeredCard = answered.body.value as AdaptiveCard;
    assert.match(cardTexts(answeredCard), /Answered by Eve Expert/);
    assert.match(cardTexts(answeredCard), /Lync 2010 clients sign in/);
    assert.equal(JSON.stringify(answeredCard).includes('Action.Execute'), false, 'no more actions');
    assert.match(cardTexts(cardOf(bot.connector.updated.at(-1)?.activity)), /Answered by Eve Expert/);

    await eventually(() => alex.received().length === 2, 'the answer is delivered to the asker');
    const reply = cardOf(alex.received()[1]?.activity);
    assert.match(cardTexts(reply), /An expert answered your question/);
    assert.ok(cardTexts(reply).includes(DECLINED_EN), 'the question quoted');
    assert.match(cardTexts(reply), /Answer from Eve Expert, expert:\nYes: Lync 2010 clients sign in/);

    // A replayed "send" changes nothing and delivers nothing more.
    const replay = await act(EXPERT, { card: assignedCard, id: ticket.id }, 'ticket/answer', { ticketAnswer: 'Another answer' });
    assert.match(cardTexts(replay.body.value as AdaptiveCard), /already answered or closed/);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(alex.received().length, 2, 'delivered once');
    assert.deepEqual(await bot.app.experts.store.sendCounts(), { 'answer:sent': 1, 'post:sent': 1 });
    assert.equal(await bot.app.experts.queueDepth(), 0);
    assert.match(
      await bot.app.metrics.registry.getSingleMetricAsString('bot_proactive_sends_total'),
      /bot_proactive_sends_total\{queue="experts",outcome="sent"\} 2/,
    );
  });

  it('refuses a non-member, an action from another conversation, forged data and unknown verbs, changing nothing', async () => {
    const sam = asker('a:asker-refused', 'en-US', 'asker-2');
    const { card, id } = await sam.ask(DECLINED_EN.replace('2010', '2013'));
    await sam.press('expert/ask', executeAction(card, 'expert/ask').data, id);
    await eventually(() => tickets().length === 2, 'the second ticket is posted');
    const posted = tickets()[1];
    assert.ok(posted);
    const ticket = { card: cardOf(posted.activity), id: posted.responseId };
    const before = await bot.app.experts.store.ticket(String(executeAction(ticket.card, 'ticket/assign').data.ticketId));
    const updates = bot.connector.updated.length;

    const stranger = await act(STRANGER, ticket, 'ticket/answer', { ticketAnswer: 'forged' });
    assert.equal(stranger.status, 200);
    assert.match(cardTexts(stranger.body.value as AdaptiveCard), /Only members of the experts’ channel can act on tickets/);
    // A member of the team, but the action arrives from a personal chat, with the ticket's data.
    const elsewhere = await sam.press('ticket/close', { ...executeAction(ticket.card, 'ticket/close').data, ticketReason: 'x' }, id);
    assert.match(cardTexts(elsewhere.body.value as AdaptiveCard), /Only members/);
    const forged = await inChannel({ from: EXPERT, invoke: { verb: 'ticket/assign', data: { ticketId: 'not-a-uuid', version: 1 } } });
    assert.equal(forged.status, 400);
    const unknownTicket = await inChannel({
      from: EXPERT,
      invoke: { verb: 'ticket/assign', data: { ticketId: '00000000-0000-4000-8000-000000000000', version: 1 } },
    });
    assert.match(cardTexts((unknownTicket.body as InvokeBody).value as AdaptiveCard), /does not exist/);
    const unknownVerb = await inChannel({
      from: EXPERT,
      invoke: { verb: 'ticket/delete', data: executeAction(ticket.card, 'ticket/assign').data },
    });
    assert.equal(unknownVerb.status, 400);
    const stale = await act(EXPERT, ticket, 'ticket/assign');
    assert.match(cardTexts(stale.body.value as AdaptiveCard), /Assigned to Eve Expert/);
    const replayed = await act(EXPERT, ticket, 'ticket/assign');
    assert.match(cardTexts(replayed.body.value as AdaptiveCard), /changed in the meantime/);

    const after = await bot.app.experts.store.ticket(String(before?.id));
    assert.equal(after?.version, (before?.version ?? 0) + 1, 'only the one genuine assignment changed it');
    assert.equal(after?.answer, null);
    assert.equal(bot.connector.updated.length, updates + 1, 'only the genuine change updated the card');
  });

  it("in French for a French asker: the button, the confirmation, the ticket's language and the closure with its reason", async () => {
    const claire = asker('a:asker-fr', 'fr-FR', 'asker-fr');
    const { card, id } = await claire.ask(DECLINED_FR);
    const ask = executeAction(card, 'expert/ask');
    assert.equal(ask.title, 'Demander à un expert');
    const asked = await claire.press('expert/ask', { ...ask.data, expertNote: 'Migration prévue en juin' }, id);
    assert.match(cardTexts(asked.body.value as AdaptiveCard), /Votre question a été transmise aux experts/);
    await eventually(() => tickets().length === 3, 'the French ticket is posted');
    const posted = tickets()[2];
    assert.ok(posted);
    const ticket = { card: cardOf(posted.activity), id: posted.responseId };
    assert.match(cardTexts(ticket.card), /Language: French/);
    assert.ok(cardTexts(ticket.card).includes(DECLINED_FR));
    const closed = await act(EXPERT, ticket, 'ticket/close', { ticketReason: 'Hors du périmètre de Lync Server 2013.' });
    assert.match(cardTexts(closed.body.value as AdaptiveCard), /Closed by Eve Expert/);
    await eventually(() => claire.received().length === 2, 'the closure is delivered');
    const reply = cardTexts(cardOf(claire.received()[1]?.activity));
    assert.match(reply, /Les experts ont clos votre question sans réponse/);
    assert.match(reply, /Motif donné par Eve Expert :\nHors du périmètre de Lync Server 2013\./);
    assert.equal(claire.received()[1]?.activity.locale, 'fr-FR');
  });

  it('after a "not helpful" verdict, the card offers "Ask an expert" and the ticket carries the bot\'s answer', async () => {
    const alex = asker('a:not-helpful', 'en-US', 'asker-3');
    const { card, id } = await alex.ask('when did AOL federation end?');
    const noData = walk(card.body).find(
      (a) => a.type === 'Action.Execute' && (a.data as { feedback?: string }).feedback === 'not_helpful',
    )?.data;
    assert.ok(noData, 'a "No" button');
    const verdict = await alex.press('feedback', noData, id);
    const updated = verdict.body.value as AdaptiveCard;
    const ask = executeAction(updated, 'expert/ask');
    assert.equal((ask.data as { question?: string }).question, 'when did AOL federation end?');
    await alex.press('expert/ask', ask.data, id);
    await eventually(() => tickets().length === 4, 'the ticket is posted');
    const text = cardTexts(cardOf(tickets()[3]?.activity));
    assert.match(text, /The bot answered\n.*AOL/);
  });
});
