import { tokenize } from '../nlu/normalize';
import { answer } from '../answers/answer';
import { daysUntil, formatDate, formatDuration, formatList, formatMonth, formatRelative, punctuation, sourceOf } from '../answers/format';
import type { KnowledgeBase, Provider } from '../knowledge/knowledgeBase';
import type { Lang, PublicImFile } from '../knowledge/schema';
import { askedDate, askedMonthYear } from './dates';
import type { Frame } from './frame';
import { both, emptyLast, type LastFrame, type Reasoned } from './lastFrame';
import type { Lexicon } from './lexicon';
import { withVerdict } from './verdicts';

/**
 * Public IM Connectivity over the knowledge's providers, capabilities and licences: what federation with a
 * provider offers, which providers have a feature, when each ended, which licences each needs, whether one
 * is enough, providers side by side. Each is computed from the providers' relations, so a new provider or
 * licence in `knowledge/public-im.yaml` is answered the same way.
 */
export class PublicImReasoner {
  /** The first word of the servers' names ("lync", "office"): naming the product family, not something asked of it. */
  private readonly familyWords: ReadonlySet<string>;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly lexicon: Lexicon,
  ) {
    this.familyWords = new Set(kb.servers.map((s) => tokenize(s.name)[0] as string));
  }

  /**
   * "How long between the end of sale of the PIC USL and the Yahoo! shutdown?", "combien de temps entre … et … ?":
   * the time between the two dates the question names (a licence's end of sale, a provider's end of service).
   */
  between(f: Frame): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    if (!this.lexicon.shapes.between.has(f.tokens, [lang]) || !['ago', 'count', 'when', 'other', 'list'].includes(f.shape))
      return undefined;
    const dated = [
      ...f.licences
        .map((id) => kb.publicIm.licences.find((l) => l.id === id))
        .filter((l) => l?.noLongerSoldSince !== undefined)
        .map((l) => ({
          date: l?.noLongerSoldSince as string,
          what: kb.message('dated_end_of_sale', lang, { licence: l?.name ?? '' }),
          source: l?.source as string,
        })),
      ...f.providers
        .map((id) => kb.provider(id))
        .filter((p): p is Provider => p?.endOfService !== undefined)
        .map((p) => ({
          date: p.endOfService as string,
          what: kb.message('dated_end_of_service', lang, { provider: p.name }),
          source: p.source,
        })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    if (dated.length !== 2) return undefined;
    const [a, b] = dated as [(typeof dated)[number], (typeof dated)[number]];
    const headline = kb.message('between_dates', lang, {
      duration: formatDuration(a.date, b.date, lang),
      fromWhat: a.what,
      from: formatDate(a.date, lang),
      toWhat: b.what,
      to: formatDate(b.date, lang),
    });
    return {
      answer: answer('topic', lang, headline, { sources: [...new Set([a.source, b.source])].map((s) => sourceOf(kb, s, lang)) }),
      last: { ...emptyLast('pic', f) },
    };
  }

  /** "How many providers need …?": the count of those the answer names, of all, before it ("1 of the 4 providers."). */
  private counted(f: Frame, providers: readonly Provider[], headline: string): string {
    if (f.shape !== 'count') return headline;
    return `${this.kb.message('count_of_providers', f.lang, { count: providers.length, total: this.kb.providers.length })} ${headline}`;
  }

  /** Licences by name, as a list ("the PIC USL and the CAL"). */
  private licenceNames(ids: readonly string[], lang: Lang): string {
    return formatList(
      ids.map((id) => this.kb.publicIm.licences.find((l) => l.id === id)?.name ?? id),
      lang,
    );
  }

  /**
   * "Our agreement ran until 2016: what happens after June 2014?", "what happened to customers whose agreements
   * ran past June 2014?": an agreement running past a date the PIC notes give (the end of service) is what
   * that dated note says (the pro-rated credit). Asked of agreements only, with a later year or month named or
   * "past"/"after" that date; within a PIC or licence conversation, or naming PIC, a provider or a licence.
   */
  agreementPast(f: Frame, inConversation: boolean): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    if (!this.lexicon.shapes.agreement.has(f.tokens, [lang])) return undefined;
    // (Not a question of buying, needing or whether a licence is enough, asked in an agreement's setting: "our
    // agreement ends in 2016, can we still buy the PIC USL?" is the licence's.)
    if (f.buy || f.need || f.enough) return undefined;
    const years = f.tokens.filter((t) => /^(19|20)\d{2}$/.test(t)).map(Number);
    const past = this.lexicon.shapes.after.has(f.tokens, [lang]) || this.lexicon.shapes.beyond.has(f.tokens, [lang]);
    const asked = askedMonthYear(f.tokens, this.lexicon.months);
    // ("An agreement expiring in March 2014: until when could I federate with Yahoo!?" weighs that expiry against
    // the provider's end: the licence's question, not the note's.)
    if (asked && !past && f.providers.some((id) => kb.provider(id)?.endOfService)) return undefined;
    // The latest dated note the agreement runs past: a later year, or the note's own month with "past",
    // "after", "au-delà" ("agreements that ran past June 2014").
    const passed = kb.publicIm.notes
      .filter((n): n is typeof n & { date: string } => n.date !== undefined)
      .filter((n) => {
        const year = Number(n.date.slice(0, 4));
        const onIt = asked !== undefined && asked.year === year && asked.month === Number(n.date.slice(5, 7));
        return years.some((y) => y > year) || (past && onIt);
      })
      .sort((a, b) => b.date.localeCompare(a.date));
    const note = passed[0];
    if (!note) return undefined;
    // (Only about PIC: in its conversation, or naming it, a provider, a licence, or the note's own month.)
    const onItsDate = asked !== undefined && note.date.startsWith(`${asked.year}-${String(asked.month).padStart(2, '0')}`);
    if (!inConversation && !f.federation && f.providers.length + f.licences.length === 0 && !onItsDate) return undefined;
    const concerned = f.providers.length > 0 ? kb.providers.filter((p) => f.providers.includes(p.id)) : [];
    // "Do we get anything back?" is answered "Yes" by what the note grants; "did we lose the money?" "No".
    const lost = this.lexicon.shapes.breaks.has(f.tokens, [lang]) || this.lexicon.shapes.trouble.has(f.tokens, [lang]);
    // (Not a follow-up opening as one — "and if the agreement ran until 2016?" asks what then, not whether.)
    const asksWhether = f.shape === 'yesno' && !this.lexicon.shapes.followUpOpeners.has(f.tokens, [lang]);
    const text = note.text[lang];
    return {
      answer: answer('topic', lang, asksWhether ? withVerdict(kb, lang, !lost, text) : text, {
        details: concerned.map((p) => kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] })),
        sources: [sourceOf(kb, note.source, lang)],
      }),
      last: { ...emptyLast('licence', f), reasons: both((l) => [note.text[l]]) },
    };
  }

  /**
   * The licence that "do we need a licence for X?" means when none is named: the one no provider's
   * federation takes alone (an add-on, the PIC USL in the sources).
   */
  private get addOnLicence(): PublicImFile['licences'][number] | undefined {
    return this.kb.publicIm.licences.find(
      (l) => !this.kb.providers.some((p) => p.licenceOptions.some((o) => o.length === 1 && o[0] === l.id)),
    );
  }

  capabilityNames(p: Provider, lang: Lang): string {
    return formatList(
      p.capabilities.map((c) => this.kb.publicIm.capabilities[c]?.[lang] ?? c),
      lang,
    );
  }

  /** "Federation with Skype offers IM, presence and audio." as a sentence of its own. */
  private offersSentence(p: Provider, lang: Lang): string {
    const line = this.kb.message('provider_offers', lang, { provider: p.name, capabilities: this.capabilityNames(p, lang) });
    return `${line.charAt(0).toUpperCase()}${line.slice(1)}`;
  }

  private featureName(id: string, lang: Lang): string {
    return this.kb.publicIm.capabilities[id]?.[lang] ?? id;
  }

  pic(frame: Frame, today: Date): Reasoned | undefined {
    let f = frame;
    const { kb } = this;
    const { lang } = f;
    // "Besides WLM": those are left out; the question is about the others.
    const providers = f.providers
      .filter((id) => !f.excluded.includes(id))
      .map((id) => kb.provider(id))
      .filter((p): p is Provider => !!p);
    f = { ...f, features: f.features.filter((x) => x in kb.publicIm.capabilities) };
    // "Why?" next: what the sources add about these providers (their notes).
    const reasons = both((l) =>
      providers.flatMap((p) => [
        ...(p.endReason ? [p.endReason.text[l]] : []),
        ...(p.serviceNote ? [p.serviceNote[l]] : []),
        ...p.notes.map((n) => n.text[l]),
      ]),
    );
    const last = (extra: Partial<LastFrame> = {}): LastFrame => ({ ...emptyLast('pic', f), reasons, ...extra });
    const source = (p?: Provider) => [sourceOf(kb, p?.source ?? kb.providers[0]?.source ?? '', lang)];

    // Which providers offer a feature / how many.
    if (providers.length === 0 && f.features.length > 0) {
      // ("Which providers offer IM but not audio?", "providers without audio?": those offering the ones asked, and
      // none of those a negation governs.)
      const wanted = f.features.filter((x) => !f.featuresNot.includes(x));
      const feature = (wanted[0] ?? f.features[0]) as string;
      const offering = kb.providers.filter(
        (p) =>
          !f.excluded.includes(p.id) &&
          wanted.every((x) => p.capabilities.includes(x)) &&
          !f.featuresNot.some((x) => p.capabilities.includes(x)),
      );
      if (f.featuresNot.length > 0 && f.shape !== 'yesno') {
        const names = (ids: readonly string[]): string =>
          formatList(
            ids.map((x) => this.featureName(x, lang)),
            lang,
          );
        return {
          answer: answer(
            'topic',
            lang,
            kb.message(
              offering.length === 0
                ? 'providers_without_feature_none'
                : wanted.length > 0
                  ? 'providers_with_without'
                  : 'providers_without_feature',
              lang,
              {
                count: offering.length,
                total: kb.providers.length,
                feature: names(wanted),
                without: names(f.featuresNot),
                providers: formatList(
                  offering.map((p) => p.name),
                  lang,
                ),
              },
            ),
            { facts: kb.providers.map((p) => ({ label: p.name, value: this.capabilityNames(p, lang) })), sources: source() },
          ),
          last: last({ list: { kind: 'provider', ids: offering.map((p) => p.id) } }),
        };
      }
      // "Does any provider do video besides WLM?": a verdict on the others first.
      if (f.excluded.length > 0 && f.shape === 'yesno') {
        const vars = {
          feature: formatList(
            f.features.map((x) => this.featureName(x, lang)),
            lang,
          ),
          excluded: formatList(
            f.excluded.map((id) => kb.provider(id)?.name ?? id),
            lang,
          ),
          providers: formatList(
            offering.map((p) => p.name),
            lang,
          ),
        };
        return {
          answer: answer('topic', lang, kb.message(offering.length > 0 ? 'providers_besides_yes' : 'providers_besides_no', lang, vars), {
            facts: kb.providers.map((p) => ({ label: p.name, value: this.capabilityNames(p, lang) })),
            sources: source(),
          }),
          last: last({ list: { kind: 'provider', ids: offering.map((p) => p.id) } }),
        };
      }
      const names = formatList(
        offering.map((p) => p.name),
        lang,
      );
      const said =
        offering.length === 0
          ? kb.message('providers_with_feature_none', lang, { feature: this.featureName(feature, lang) })
          : kb.message('providers_with_feature', lang, {
              count: offering.length,
              total: kb.providers.length,
              feature: formatList(
                wanted.map((x) => this.featureName(x, lang)),
                lang,
              ),
              providers: names,
            });
      // "Does any provider offer video?": the verdict, then which.
      const headline = f.shape === 'yesno' ? withVerdict(kb, lang, offering.length > 0, said) : said;
      return {
        answer: answer('topic', lang, headline, {
          facts: kb.providers.map((p) => ({ label: p.name, value: this.capabilityNames(p, lang) })),
          sources: source(),
        }),
        last: last({ list: { kind: 'provider', ids: offering.map((p) => p.id) } }),
      };
    }
    if (providers.length === 0) return undefined;

    // Which of these providers (the list just shown) offer feature F?
    // (F named by the question itself, not by the sentence setting its scene: "our users used to chat with WLM
    // contacts. what happened to them?" asks what happened.)
    const asked = f.tokens.slice(f.askedFrom, f.askedTo);
    const featureAsked = f.features.some((x) => this.lexicon.features.get(x)?.has(asked) === true);
    if (f.features.length > 0 && featureAsked && f.listRef && (f.shape === 'list' || f.shape === 'count')) {
      const offering = providers.filter((p) => f.features.every((x) => p.capabilities.includes(x)));
      const headline =
        offering.length === 0
          ? kb.message('providers_among_with_feature_none', lang, {
              feature: this.featureName(f.features[0] as string, lang),
              providers: formatList(
                providers.map((p) => p.name),
                lang,
              ),
            })
          : kb.message('providers_with_feature', lang, {
              count: offering.length,
              total: providers.length,
              feature: formatList(
                f.features.map((x) => this.featureName(x, lang)),
                lang,
              ),
              providers: formatList(
                offering.map((p) => p.name),
                lang,
              ),
            });
      return {
        answer: answer('topic', lang, headline, { sources: source() }),
        last: last({ list: { kind: 'provider', ids: offering.map((p) => p.id) } }),
      };
    }
    // Does federation with P include feature F?
    if (f.features.length > 0 && (f.shape === 'yesno' || f.shape === 'other')) {
      const lines = providers.map((p) => {
        const missing = f.features.filter((x) => !p.capabilities.includes(x));
        const feature = formatList(
          (missing.length > 0 ? missing : f.features).map((x) => this.featureName(x, lang)),
          lang,
        );
        return missing.length === 0
          ? kb.message('feature_yes', lang, { provider: p.name, feature })
          : kb.message('feature_no', lang, { provider: p.name, feature, capabilities: this.capabilityNames(p, lang) });
      });
      const ended = providers
        .filter((p) => p.endOfService && daysUntil(p.endOfService, today) < 0)
        .map((p) =>
          kb.message('end_past', lang, {
            provider: p.name,
            date: formatDate(p.endOfService as string, lang),
            relative: formatRelative(p.endOfService as string, today, lang),
          }),
        );
      // (The sources give no reason why a provider lacks a feature: "why?" next says so.)
      return {
        answer: answer('provider', lang, lines[0] as string, { details: [...lines.slice(1), ...ended], sources: source(providers[0]) }),
        last: last({ reasons: { en: [], fr: [] } }),
      };
    }

    // Dates: still / when / how long ago / a date to check.
    // ("Did Yahoo federation end?": whether it ended, asked the other way round from "still".)
    // (Opening as a question — not "AOL federation end date?", which asks the date.)
    const endedAsked = f.ending && f.shape === 'yesno' && !f.still && f.opensYesNo;
    if (f.still || endedAsked || f.shape === 'when' || f.shape === 'ago' || askedDate(f.tokens, this.lexicon.months)) {
      const p = providers[0] as Provider;
      const asked = askedDate(f.tokens, this.lexicon.months);
      const details = [
        ...(p.serviceNote ? [p.serviceNote[lang]] : []),
        kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] }),
        ...p.notes.map((n) => n.text[lang]),
      ];
      if (!p.endOfService) {
        // "How long has it been out?": a dated milestone of the provider answers it.
        const milestone = p.milestones[0];
        if (milestone && f.since && (f.shape === 'ago' || f.shape === 'when') && !f.still) {
          const when = formatMonth(milestone.date, lang);
          return {
            answer: answer(
              'provider',
              lang,
              kb.message('milestone', lang, { what: milestone.text[lang], when, relative: formatRelative(milestone.date, today, lang) }),
              { details, sources: [sourceOf(kb, milestone.source, lang)] },
            ),
            last: last(),
          };
        }
        // No date in the sources: say so plainly, never a guessed "yes, still".
        return {
          answer: answer('provider', lang, kb.message('end_unknown', lang, { provider: p.name }), { details, sources: source(p) }),
          last: last(),
        };
      }
      const vars = { provider: p.name, date: formatDate(p.endOfService, lang), relative: formatRelative(p.endOfService, today, lang) };
      const past = daysUntil(p.endOfService, today) < 0;
      let headline: string;
      if (asked && f.shape !== 'when' && f.shape !== 'ago') {
        headline =
          asked.month === Number(p.endOfService.slice(5, 7)) && asked.day === Number(p.endOfService.slice(8, 10))
            ? kb.message('date_check_yes', lang, vars)
            : kb.message('date_check_no', lang, { ...vars, asked: asked.text });
      } else if (endedAsked) {
        headline = kb.message(past ? 'ended_yes' : 'ended_no', lang, vars);
      } else if (f.shape === 'yesno' || (f.still && f.shape !== 'when' && f.shape !== 'ago')) {
        headline = kb.message(past ? 'still_no' : 'still_yes', lang, vars);
      } else {
        headline = kb.message(past ? 'end_past' : 'end_future', lang, vars);
      }
      return { answer: answer('provider', lang, headline, { details, sources: source(p) }), last: last() };
    }
    // "Is Skype a PIC provider?", "does PIC cover Skype?", "can we federate with Skype through PIC?": whether
    // federation with it is offered — yes with what it offers, or no since it ended. (Not "AOL federation end
    // date?": a bare question mark on a date asked is not a yes/no question.)
    // (Saying nothing else of it: "we use PIC with Messenger contacts, is anything changing for us?" asks something else.)
    // (Nor by naming Lync itself or its users: "can Lync federate with Skype users?".)
    const aboutItAlone = f.plainWords.every(
      (w) =>
        this.lexicon.prepositions.has(w) || this.familyWords.has(w) || this.lexicon.peopleNouns.has(w) || this.lexicon.continuations.has(w),
    );
    const p = providers[0];
    if (
      providers.length === 1 &&
      p &&
      f.shape === 'yesno' &&
      f.federation &&
      !f.ending &&
      !f.since &&
      aboutItAlone &&
      f.features.length === 0 &&
      f.licences.length === 0 &&
      !f.need &&
      !f.buy
    ) {
      const end = p.endOfService;
      const ended = end !== undefined && daysUntil(end, today) < 0;
      const headline = ended
        ? kb.message('still_no', lang, { provider: p.name, date: formatDate(end, lang), relative: formatRelative(end, today, lang) })
        : kb.message('provider_member', lang, { provider: p.name, capabilities: this.capabilityNames(p, lang) });
      const details = [
        ...(ended ? [this.offersSentence(p, lang)] : []),
        ...(p.serviceNote ? [p.serviceNote[lang]] : []),
        kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] }),
      ];
      return { answer: answer('provider', lang, headline, { details, sources: source(p) }), last: last() };
    }
    return undefined;
  }

  /** What federation with the providers named offers, for a question asking what they offer (language.yaml's `capabilities`). */
  /**
   * Providers side by side: whether their federated features are the same, their licensing, and when each
   * ended (or that it goes on), from the providers' own relations.
   */
  compareProviders(f: Frame, today: Date): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    const ps = f.providers.map((id) => kb.provider(id)).filter((p): p is Provider => !!p);
    if (ps.length < 2) return undefined;
    const names = formatList(
      ps.map((p) => p.name),
      lang,
    );
    const caps = (p: Provider): string => [...p.capabilities].sort().join(' ');
    const sameFeatures = ps.every((p) => caps(p) === caps(ps[0] as Provider));
    const options = (p: Provider): string =>
      p.licenceOptions
        .map((o) => [...o].sort().join('+'))
        .sort()
        .join('|');
    const sameLicensing = ps.every((p) => options(p) === options(ps[0] as Provider));
    const features = sameFeatures
      ? kb.message('compare_features_same', lang, { providers: names, capabilities: this.capabilityNames(ps[0] as Provider, lang) })
      : kb.message('compare_features_differ', lang, {
          lines: ps.map((p) => `${p.name}: ${this.capabilityNames(p, lang)}`).join(punctuation(';', lang)),
        });
    const licensing = kb.message(sameLicensing ? 'compare_licensing_same' : 'compare_licensing_differ', lang, { providers: names });
    const ends = ps.map((p) =>
      p.endOfService
        ? kb.message(daysUntil(p.endOfService, today) < 0 ? 'end_past' : 'end_future', lang, {
            provider: p.name,
            date: formatDate(p.endOfService, lang),
            relative: formatRelative(p.endOfService, today, lang),
          })
        : kb.message('end_unknown', lang, { provider: p.name }),
    );
    return {
      answer: answer('topic', lang, `${features} ${licensing}`, {
        details: [...ps.map((p) => kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] })), ...ends],
        sources: [sourceOf(kb, (ps[0] as Provider).source, lang)],
      }),
      last: { ...emptyLast('pic', f), providers: ps.map((p) => p.id), list: { kind: 'provider', ids: ps.map((p) => p.id) } },
    };
  }

  providerOffers(f: Frame): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    if (f.shape !== 'list' || f.features.length + f.licences.length > 0 || f.still || f.ending || f.move) return undefined;
    if (!this.lexicon.shapes.capabilities.has(f.tokens, [lang])) return undefined;
    const providers = f.providers.map((id) => kb.provider(id)).filter((p): p is Provider => !!p);
    if (providers.length === 0) return undefined;
    // (The message continues a sentence elsewhere — "The documentation says: federation with …" — so it starts lower case.)
    const lines = providers.map((p) => this.offersSentence(p, lang));
    return {
      answer: answer('provider', lang, lines[0] as string, {
        details: lines.slice(1),
        sources: [sourceOf(kb, providers[0]?.source ?? '', lang)],
      }),
      last: { ...emptyLast('pic', f), list: { kind: 'provider', ids: providers.map((p) => p.id) } },
    };
  }

  /**
   * How many providers (which ones): all of them, those federation still works with today ("still"), or
   * those whose federation has ended ("ended", "fin"), computed from their end dates against today.
   */
  countProviders(f: Frame, today: Date, within?: readonly string[]): Reasoned {
    const { kb } = this;
    const { lang } = f;
    const ended = (p: Provider): boolean => p.endOfService !== undefined && daysUntil(p.endOfService, today) < 0;
    const among = within ? kb.providers.filter((p) => within.includes(p.id)) : kb.providers;
    const pool = f.still ? among.filter((p) => !ended(p)) : f.ending ? among.filter(ended) : among;
    const key = f.still ? 'count_providers_still' : f.ending ? 'count_providers_ended' : 'count_providers';
    const names = formatList(
      pool.map((p) => p.name),
      lang,
    );
    // What the sources add: when the others ended, and what became of those still listed ("continues through Skype").
    const details =
      f.still || f.ending
        ? [
            ...kb.providers.filter(ended).map((p) =>
              kb.message('end_past', lang, {
                provider: p.name,
                date: formatDate(p.endOfService as string, lang),
                relative: formatRelative(p.endOfService as string, today, lang),
              }),
            ),
            ...(f.still ? pool.flatMap((p) => (p.serviceNote ? [p.serviceNote[lang]] : [])) : []),
          ]
        : [];
    // (None of those listed: said of them, with what they are instead — "none of them has ended: … still works".)
    const others = formatList(
      among.filter((p) => !pool.includes(p)).map((p) => p.name),
      lang,
    );
    const headline =
      within && pool.length === 0 && (f.still || f.ending)
        ? kb.message(f.still ? 'count_among_still_none' : 'count_among_ended_none', lang, { providers: others })
        : kb.message(key, lang, { count: pool.length, total: within ? among.length : kb.providers.length, providers: names });
    return {
      answer: answer('topic', lang, headline, {
        details,
        sources: [sourceOf(kb, kb.providers[0]?.source ?? '', lang)],
      }),
      last: {
        ...emptyLast('pic', f),
        list: { kind: 'provider', ids: pool.map((p) => p.id) },
        // "Why?" next: why those ended, and what became of the others.
        reasons: both((l) =>
          among.flatMap((p) => [...(p.endReason ? [p.endReason.text[l]] : []), ...(p.serviceNote ? [p.serviceNote[l]] : [])]),
        ),
      },
    };
  }

  licence(f: Frame, today: Date): Reasoned | undefined {
    const { kb } = this;
    const { lang } = f;
    // (The first the question names: frame.ts orders them.)
    const licence = kb.publicIm.licences.find((l) => l.id === f.licences[0]) ?? this.addOnLicence;
    if (!licence) return undefined;
    // "Why?" next: what the sources say of the licensing of the providers in question (those named, else
    // those whose licensing involves this licence), and their notes.
    const concerned =
      f.providers.length > 0
        ? kb.providers.filter((p) => f.providers.includes(p.id))
        : kb.providers.filter((p) => p.licenceOptions.some((o) => o.includes(licence.id)));
    const last: LastFrame = {
      ...emptyLast('licence', f),
      licences: [licence.id],
      // (And what the sources say of PIC licences in general: "is that only new agreements or renewals too?".)
      reasons: both((l) => [
        ...concerned.flatMap((p) => [`${p.name}: ${p.licensing[l]}`, ...p.notes.map((n) => n.text[l])]),
        ...kb.publicIm.notes.map((n) => n.text[l]),
      ]),
    };
    const source = [sourceOf(kb, licence.source, lang)];
    const providers = f.providers.map((id) => kb.provider(id)).filter((p): p is Provider => !!p);
    const name = licence.name;
    // "Do we need anything beyond CALs for AOL?", "which providers need more than the CAL?": the licences
    // past those named, from the providers' licence options (a provider needs more when every way to it does).
    if (f.beyond.length > 0 && !f.buy && f.shape !== 'when' && f.shape !== 'ago') {
      const base = f.beyond;
      const baseNames = this.licenceNames(base, lang);
      const extra = (p: Provider): string[] =>
        p.licenceOptions.length > 0 && p.licenceOptions.every((o) => o.some((id) => !base.includes(id)))
          ? [...new Set(p.licenceOptions.flatMap((o) => o.filter((id) => !base.includes(id))))]
          : [];
      const asked = providers.length > 0 ? providers : kb.providers.filter((p) => p.licenceOptions.length > 0);
      const needing = asked.filter((p) => extra(p).length > 0);
      const headline =
        providers.length === 1
          ? needing.length > 0
            ? kb.message('licence_beyond_yes', lang, {
                provider: providers[0]?.name ?? '',
                others: this.licenceNames(extra(providers[0] as Provider), lang),
                licence: baseNames,
              })
            : kb.message('licence_beyond_no', lang, { provider: providers[0]?.name ?? '', licence: baseNames })
          : needing.length > 0
            ? kb.message('licence_beyond_by', lang, {
                providers: formatList(
                  needing.map((p) => p.name),
                  lang,
                ),
                others: this.licenceNames([...new Set(needing.flatMap(extra))], lang),
                licence: baseNames,
                count: needing.length,
              })
            : kb.message('licence_beyond_none', lang, { licence: baseNames });
      return {
        answer: answer(
          providers.length === 1 ? 'provider' : 'topic',
          lang,
          providers.length === 1 ? headline : this.counted(f, needing, headline),
          {
            details: asked.map((p) => kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] })),
            sources: providers.length === 1 ? [sourceOf(kb, (providers[0] as Provider).source, lang)] : source,
          },
        ),
        last: {
          ...last,
          // ("Can I buy it today?" next asks about the licence needed past them.)
          licences: [...needing.flatMap(extra), ...base].slice(0, 1),
          providers: providers.map((p) => p.id),
          ...(providers.length === 1 ? {} : { list: { kind: 'provider' as const, ids: needing.map((p) => p.id) } }),
        },
      };
    }
    // "Which providers need it?", "what is it?", "what does it come on top of?": computed from the providers' licence options.
    // (Only when that is what is asked: "does Lync Online Plan 1 include Enterprise Voice?" is not.)
    const aboutProviders = f.asksAbout === 'providers' || f.addition || f.plainWords.every((w) => this.lexicon.isFunctionWord(w));
    // "Just CALs", "seulement la CAL": whether the licences named are enough.
    const enough = f.enough || f.plain;
    // "Which providers can I federate with using only CALs?": those one of whose ways needs nothing more.
    if (providers.length === 0 && enough && f.asksAbout === 'providers' && f.licences.length > 0 && f.shape !== 'yesno') {
      const suffices = (p: Provider): boolean => p.licenceOptions.some((o) => o.every((id) => f.licences.includes(id)));
      const enoughFor = kb.providers.filter(suffices);
      const others = kb.providers.filter((p) => p.licenceOptions.length > 0 && !suffices(p));
      const named = this.licenceNames(f.licences, lang);
      return {
        answer: answer(
          'topic',
          lang,
          this.counted(
            f,
            enoughFor,
            kb.message(enoughFor.length > 0 ? 'licence_enough_for' : 'licence_enough_for_none', lang, {
              licence: named,
              providers: formatList(
                enoughFor.map((p) => p.name),
                lang,
              ),
            }),
          ),
          {
            details: others.map((p) => kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] })),
            sources: source,
          },
        ),
        last: { ...last, list: { kind: 'provider', ids: enoughFor.map((p) => p.id) } },
      };
    }
    if (
      providers.length === 0 &&
      !f.buy &&
      f.shape !== 'when' &&
      f.shape !== 'ago' &&
      !f.still &&
      aboutProviders &&
      f.features.length === 0
    ) {
      const needing = kb.providers.filter((p) => p.licenceOptions.length > 0 && p.licenceOptions.every((o) => o.includes(licence.id)));
      const alongside = [...new Set(needing.flatMap((p) => p.licenceOptions.flatMap((o) => o.filter((id) => id !== licence.id))))]
        .map((id) => kb.publicIm.licences.find((l) => l.id === id)?.name)
        .filter((n): n is string => !!n);
      const providersNamed = formatList(
        needing.map((p) => p.name),
        lang,
      );
      // "Which provider can be licensed through Lync Online?": where the licence is one way among others, those
      // providers and the other ways (when no provider needs it in every case, they answer).
      const optional = kb.providers.filter((p) => !needing.includes(p) && p.licenceOptions.some((o) => o.includes(licence.id)));
      const otherWays = this.licenceNames(
        [...new Set(optional.flatMap((p) => p.licenceOptions.filter((o) => !o.includes(licence.id)).flat()))],
        lang,
      );
      const optionLine =
        optional.length > 0
          ? kb.message('licence_option_for', lang, {
              licence: name,
              providers: formatList(
                optional.map((p) => p.name),
                lang,
              ),
              others: otherWays,
            })
          : undefined;
      const headline =
        needing.length === 0
          ? (optionLine ?? kb.message('licence_needed_by_none', lang, { licence: name }))
          : alongside.length > 0 && f.addition
            ? kb.message('licence_on_top_of', lang, { licence: name, others: formatList(alongside, lang), providers: providersNamed })
            : kb.message(alongside.length > 0 ? 'licence_needed_by_with' : 'licence_needed_by', lang, {
                licence: name,
                providers: providersNamed,
                others: formatList(alongside, lang),
              });
      const sold = licence.noLongerSoldSince
        ? [
            kb.message('licence_sold_since', lang, {
              licence: name,
              date: formatDate(licence.noLongerSoldSince, lang),
              relative: formatRelative(licence.noLongerSoldSince, today, lang),
            }),
          ]
        : [];
      return {
        answer: answer('topic', lang, this.counted(f, needing.length > 0 ? needing : optional, headline), {
          details: [
            ...(needing.length > 0 && optionLine ? [optionLine] : []),
            ...sold,
            ...[...needing, ...optional].map((p) => kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] })),
          ],
          sources: source,
        }),
        last: { ...last, list: { kind: 'provider', ids: (needing.length > 0 ? needing : optional).map((p) => p.id) } },
      };
    }
    // "Our PIC USL expires in March 2014: until when can we federate with Yahoo!?": the earlier of the licence's
    // expiry and the service's end (what the provider's notes say of licences bought before the end of sale).
    const expiry = askedMonthYear(f.tokens, this.lexicon.months);
    const ends = providers[0]?.endOfService;
    if (providers.length === 1 && expiry && ends && !f.buy && (f.shape === 'when' || f.shape === 'yesno' || f.still)) {
      const p = providers[0] as Provider;
      const end = new Date(`${ends}T00:00:00Z`);
      const expires = new Date(Date.UTC(expiry.year, expiry.month, 0));
      const first = expires < end;
      const month = `${expiry.year}-${String(expiry.month).padStart(2, '0')}-01`;
      const vars = { provider: p.name, expiry: formatMonth(month, lang), end: formatDate(ends, lang) };
      const headline =
        f.shape === 'when'
          ? kb.message(first ? 'licence_until_expiry' : 'licence_until_end', lang, vars)
          : kb.message(first ? 'licence_until_expiry_no' : 'licence_until_end_yes', lang, vars);
      return {
        answer: answer('provider', lang, headline, {
          details: [
            kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] }),
            ...p.notes.map((n) => n.text[lang]),
          ],
          sources: [sourceOf(kb, p.source, lang)],
        }),
        last: { ...last, providers: [p.id] },
      };
    }
    // "Until when could customers with older PIC licences keep federating with Yahoo!?": no expiry given — the
    // earlier of the two, as the provider's notes say.
    if (providers.length === 1 && !expiry && ends && !f.buy && f.shape === 'when' && f.federation && !f.since) {
      const p = providers[0] as Provider;
      return {
        answer: answer('provider', lang, kb.message('licence_until_either', lang, { provider: p.name, end: formatDate(ends, lang) }), {
          details: [
            ...p.notes.map((n) => n.text[lang]),
            kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] }),
          ],
          sources: [sourceOf(kb, p.source, lang)],
        }),
        last: { ...last, providers: [p.id] },
      };
    }
    // (Not a service's end asked about — "ça fait combien de temps que le service est coupé ?" — after a licence:
    // that is the provider's.)
    if (f.ending && !f.buy && (f.shape === 'when' || f.shape === 'ago') && f.asksAbout === 'providers') return undefined;
    // Buying it, or since when it is off sale.
    if (providers.length === 0 || f.buy || f.shape === 'when' || f.shape === 'ago') {
      if (licence.noLongerSoldSince && (f.buy || f.shape === 'when' || f.shape === 'ago' || f.still)) {
        const vars = {
          licence: name,
          date: formatDate(licence.noLongerSoldSince, lang),
          relative: formatRelative(licence.noLongerSoldSince, today, lang),
        };
        const headline =
          f.shape === 'when' || f.shape === 'ago'
            ? kb.message('licence_sold_since', lang, vars)
            : kb.message('licence_sold_no', lang, vars);
        const notes = kb.publicIm.notes.map((n) => n.text[lang]);
        return { answer: answer('topic', lang, headline, { details: notes, sources: source }), last };
      }
      if (providers.length === 0) return undefined;
    }
    const p = providers[0] as Provider;
    const options = p.licenceOptions;
    if (options.length === 0) return undefined;
    const details = [
      kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] }),
      ...p.notes.map((n) => n.text[lang]),
    ];
    let headline: string;
    // "Pour Yahoo il faut quoi comme licence ?", "what licence do I need for Skype?": its licensing, not a yes or no.
    const whatLicence = f.shape === 'list' || (f.shape === 'other' && !enough);
    if (whatLicence) {
      headline = kb.message('licensing_line', lang, { provider: p.name, licensing: p.licensing[lang] });
      details.shift();
    } else if (enough && !f.need) {
      const enough = options.some((o) => o.every((id) => id === licence.id));
      headline = kb.message(enough ? 'licence_enough_yes' : 'licence_enough_no', lang, { licence: name, provider: p.name });
    } else if (enough) {
      const covers = options.some((o) => o.includes(licence.id));
      headline = kb.message(covers ? 'licence_enough_yes' : 'licence_enough_no', lang, { licence: name, provider: p.name });
    } else if (f.need) {
      const needed = options.every((o) => o.includes(licence.id));
      headline = kb.message(needed ? 'licence_needed_yes' : 'licence_needed_no', lang, { licence: name, provider: p.name });
    } else {
      // "Is Skype federation available with Lync Online?": whether the licence is one of the ways to it.
      const option = options.some((o) => o.includes(licence.id));
      const alone = options.some((o) => o.every((id) => id === licence.id));
      headline = kb.message(option ? (alone ? 'licence_enough_yes' : 'licence_option_with') : 'licence_option_no', lang, {
        licence: name,
        provider: p.name,
      });
    }
    return {
      answer: answer('provider', lang, headline, { details, sources: [sourceOf(kb, p.source, lang)] }),
      last: { ...last, providers: [p.id] },
    };
  }
}
