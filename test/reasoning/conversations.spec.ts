import { strict as assert } from 'node:assert';
import { emulatorMessage, post, visibleText } from '../../scripts/lib/activities';
import { firstSentence } from '../../scripts/lib/evalHarness';
import { startBot, type RunningBot } from '../helpers/server';

/** One turn: what the user types, and what the reply's first sentence (and whole text) must show. */
interface Turn {
  say: string;
  first: RegExp;
  has?: RegExp[];
  /** Never in the first sentence. */
  hasNot?: RegExp[];
  /** Never anywhere in the reply. */
  lacks?: RegExp[];
}

/**
 * Whole conversations through the bot over HTTP, as a table: follow-ups, "why?", bare answers to the bot's
 * own question, list references, roles, generic names, unknown products, topic switches, in both
 * languages. Each asserts behaviour (the verdict first, the products named), not wording elsewhere.
 */
const CONVERSATIONS: Record<string, { locale?: string; turns: Turn[] }> = {
  'ellipsis and why after a partial answer': {
    turns: [
      { say: 'is communicator 2007 r2 supported on lync server 2013?', first: /^Partly\b/ },
      { say: 'why?', first: /conferenc/i },
      { say: 'and on lync server 2010?', first: /^Yes\b/, has: [/Lync Server 2010/] },
      { say: 'and 2013 for meetings?', first: /^No\b/ },
    ],
  },
  'features asked together under "IM and presence only": partly, what works then what does not': {
    turns: [
      { say: 'does OC 2007 R2 support IM, presence and meetings on LS2013?', first: /^Partly\b/, has: [/but not for meetings/] },
      { say: 'est-ce que communicator 2007 r2 garde la MI, la presence et les reunions sur lync server 2013 ?', first: /^En partie\b/ },
      { say: 'and just IM and presence?', first: /^Yes\b/ },
    ],
  },
  'whether a provider is one of PIC: yes with what it offers, no since it ended, never for another question': {
    turns: [
      { say: 'does PIC cover Skype?', first: /^Yes\.$/, has: [/Skype is one of the PIC providers: .*audio/] },
      { say: 'can we federate with AOL through PIC?', first: /^No\.$/, has: [/PIC federation with AOL ended on 30 June 2014/] },
      { say: 'yahoo est un fournisseur PIC ?', first: /^Non\.$/, has: [/La fédération PIC avec Yahoo! a pris fin/] },
      // (A date asked with a bare question mark is not whether.)
      { say: 'AOL federation end date?', first: /30 June 2014/, hasNot: [/^No\b/] },
      {
        say: 'We use PIC with Windows Live Messenger contacts. Is anything changing for us?',
        first: /./,
        lacks: [/one of the PIC providers/],
      },
    ],
  },
  'a plan asked whether anything must change: the verdict is about replacing, not about what keeps working': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'On passe de LS2010 a LS2013 et on garde Lync 2013, Lync 2010 et l Attendant Lync 2010. Il faut changer quelque chose ?',
        first: /^Non : rien n’est à remplacer pour Lync Server 2013\./,
      },
      {
        say: 'moving from OCS 2007 R2 to LS2013 with Communicator 2007 R2 and Live Meeting 2007, do we have to change anything?',
        first: /^Yes: Office Live Meeting 2007 must be replaced/,
      },
    ],
  },
  'after declining an unknown product on one server, another client asked like a follow-up is asked of that server': {
    turns: [
      { say: 'is Lync Phone Edition supported on LS2013?', first: /^I can't answer that/ },
      { say: 'ok, and the Lync 2010 desktop client?', first: /^Yes\.$/, has: [/Lync 2010 is supported on Lync Server 2013/] },
      { say: 'lync mobile ios marche avec ls2013 ?', first: /^Je ne peux pas répondre/ },
      { say: 'ok et lwa 2013 ?', first: /^Oui\.$/, has: [/Lync Web App 2013 est pris en charge sur Lync Server 2013/] },
    ],
  },
  'a number in words beside what is asked is not asked about ("two-person P2P" is P2P)': {
    turns: [
      { say: 'can multiparty IM work while the FE is down?', first: /^No\.$/ },
      { say: 'what about two-person P2P?', first: /^No\.$/, has: [/P2P and multiparty IM work only when/] },
    ],
  },
  '"how many are …" after clients listed counts among them (a verb after "how many" names no thing counted)': {
    turns: [
      {
        say: 'our 4 legacy clients (OC 2007 R2, OC 2007, OCS R2 attendant, LM 2007) - how many are fully supported on LS2013?',
        first: /^No client \(0\) is supported on Lync Server 2013\./,
      },
    ],
  },
  'which step does a thing, by the words of its step; the chat of Persistent Chat is no IM': {
    turns: [
      { say: 'which step starts the persistent chat servers?', first: /^Step 7 of 9 of “Migrating Lync Server 2010 Group Chat/ },
      {
        say: "on supprime l'utilisateur connu de l'AD a quelle etape ?",
        first: /^Étape 5 sur 9 de « Migrer Lync Server 2010 Group Chat vers Persistent Chat » : Supprimez l’utilisateur connu/,
      },
      // ("Juste avant" asks for the step before the one named.)
      { say: 'quelle etape juste avant la creation du point de terminaison herite ?', first: /^Avant l’étape 6, l’étape 5/ },
      { say: 'do I need a new persistent chat pool for the migration?', first: /./, lacks: [/IMMCU/] },
    ],
  },
  'bare versions after "on" name servers when clients as such are asked about, joined ones too': {
    turns: [
      {
        say: 'clients ok on 2010 and 2013?',
        first: /^Supported on Lync Server 2010 and Lync Server 2013: Lync 2013, Lync 2010 and Lync 2010 Attendant\./,
      },
      { say: 'quels clients sont supportes sur 2010 et 2013 ?', first: /^Pris en charge sur Lync Server 2010 et Lync Server 2013 :/ },
    ],
  },
  'a feature asked of several servers: a claim that says No of one answers for all': {
    turns: [
      {
        say: 'does the unified contact store work on Lync Server 2010 and Lync Server 2013?',
        first: /^No\./,
        has: [/not available to users homed on Lync Server 2010/],
      },
      { say: 'high resolution photos on Lync Server 2010?', first: /^No\./, has: [/High-resolution photos/] },
      { say: 'le magasin de contacts unifié marche sur lync server 2010 et 2013 ?', first: /^Non\./ },
      // (The server named is a place for the feature asked about, not a question about its clients; and a claim about
      // Lync Server 2010 settles it though its statement names Lync Server 2013 too.)
      { say: 'les photos HD marchent sur lync server 2010 ?', first: /^Non\./, has: [/photos haute résolution/] },
    ],
  },
  '"which edition for …?" answers with the edition that does it, first': {
    turns: [
      { say: 'which edition for high availability?', first: /^For high availability, Enterprise Edition/ },
      { say: 'what edition gives high availability?', first: /^For high availability, Enterprise Edition/ },
      { say: 'quelle édition pour la haute disponibilité ?', first: /^Pour la haute disponibilité, Enterprise Edition/ },
      // (A claim whose other term is matched by a word of the question but not by what "which" asks for does not answer.)
      { say: 'which edition supports enterprise voice?', first: /./, hasNot: [/high availability/] },
    ],
  },
  '"on both" before two bare versions names the two servers': {
    turns: [
      {
        say: 'which clients work on both 2010 and 2013?',
        first: /^Supported on Lync Server 2010 and Lync Server 2013: Lync 2013, Lync 2010 and Lync 2010 Attendant\./,
      },
      {
        say: 'does lwa 2013 work on both 2010 and 2013?',
        first: /^No\./,
        has: [/not supported on Lync Server 2010, supported on Lync Server 2013/],
      },
      { say: 'est-ce que communicator 2007 r2 fonctionne sur les deux 2010 et 2013 ?', first: /^Partiellement\./ },
    ],
  },
  'the unified contact store with the Lync 2010 client; Enterprise Edition for high availability': {
    turns: [
      { say: 'can lync 2010 users use the unified contact store?', first: /^No\.$/, has: [/not available in Lync 2010/] },
      { say: 'do I need enterprise edition for high availability?', first: /^Yes\.$/, has: [/For high availability, Enterprise Edition/] },
      // (Asked of Standard Edition after both were named: its own claim.)
      { say: 'standard vs enterprise edition?', first: /./ },
      { say: 'does standard do enterprise voice?', first: /^Yes\.$/ },
      { say: 'and high availability?', first: /^No\.$/ },
    ],
  },
  "a bare version answers the bot's own question": {
    turns: [
      { say: 'is lync 2010 supported?', first: /\?$/ },
      { say: '2013', first: /^Yes\b/, has: [/Lync Server 2013/] },
    ],
  },
  'intersection: a client supported on both, never one that is not': {
    turns: [
      {
        say: 'which clients are supported on both lync server 2013 and lync server 2010?',
        first: /Lync 2010 Attendant/,
        hasNot: [/Lync Web App 2013/],
      },
      { say: 'is lync 2010 supported on all three servers?', first: /^No\b/ },
    ],
  },
  'generic name: asked with only its candidates, then picked by a short answer': {
    turns: [
      {
        say: 'is the attendant supported on lync server 2013?',
        first: /^Which one do you mean: Lync 2010 Attendant or Office Communications Server 2007 R2 Attendant\?/,
      },
      { say: 'the ocs one', first: /^No\b/, has: [/Office Communications Server 2007 R2 Attendant/] },
      { say: 'and the 2010 one?', first: /^Yes\b/, has: [/Lync 2010 Attendant/] },
    ],
  },
  'generic name answered for all when they agree': {
    turns: [{ say: 'is the web app supported on ocs 2007 r2?', first: /^No\b/, has: [/Lync Web App 2013/, /Lync Web App 2010/] }],
  },
  'a server named like a client, in its role': {
    turns: [{ say: 'does the lync 2010 attendee work on lync 2013?', first: /^No\b/, has: [/Lync Server 2013/] }],
  },
  'migration planner': {
    turns: [
      {
        say: 'we are moving from OCS 2007 R2 to Lync Server 2013 and still run Communicator 2007, Live Meeting 2007 and the OCS attendant: what do we need to replace?',
        first: /^To replace for Lync Server 2013: /,
        has: [
          /Moving from Office Communications Server 2007 R2 to Lync Server 2013: .*to replace: 3/,
          /Office Communications Server 2007 R2 Attendant/,
          /Office Live Meeting 2007/,
        ],
      },
      {
        say: 'and if we go to lync server 2010 instead?',
        first: /^Moving from Office Communications Server 2007 R2 to Lync Server 2010: keep working: 3\./,
      },
      { say: 'which of those is an attendant console?', first: /Office Communications Server 2007 R2 Attendant/ },
    ],
  },
  'planner in French, from every client of the source server': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'on migre de lync server 2010 vers lync server 2013, que faut-il remplacer côté clients ?',
        first: /^À remplacer pour Lync Server 2013 : /,
        has: [/Passage de Lync Server 2010 à Lync Server 2013/, /Lync Web App 2013/, /Persistent Chat/],
      },
    ],
  },
  'a question asking for what no answer gives (a port, a price, a count) is declined, with what the sources say': {
    turns: [
      {
        say: 'which port does aol federation use?',
        first: /^I can't answer that: the documentation I answer from does not give the port\./,
        has: [/What it does say: Federation with AOL/],
        hasNot: [/^No\b/],
      },
      { say: 'which port does instant messaging use?', first: /5061/ },
      { say: 'how many chat rooms can a persistent chat pool hold?', first: /^I can't answer that/ },
      { say: 'how many providers does PIC cover?', first: /\b4\b/ },
    ],
  },
  'asked attributes, in French': {
    locale: 'fr-FR',
    turns: [
      { say: 'combien coûte la PIC USL par utilisateur ?', first: /^Je ne peux pas répondre à cela/ },
      {
        say: 'quel port utilise la fédération avec yahoo ?',
        first: /^Je ne peux pas répondre à cela : la documentation sur laquelle je m’appuie ne donne pas le port\./,
      },
    ],
  },
  'roles: clients listed together stay clients; a client-named server as the subject of "support"; from … to is a move': {
    turns: [
      {
        say: 'we are going from ls2010 to ls2013 with lync 2013 and lync 2010 desktops, what happens to them?',
        first: /^Moving from Lync Server 2010 to Lync Server 2013: keep working: 2\./,
      },
      { say: 'does lync 2013 support lync web app 2010?', first: /^No\b/, has: [/Lync Server 2013/] },
      { say: 'from ocs r2 to lync 2010, is the ocs attendant still ok?', first: /^Yes\b/, has: [/Lync Server 2010/] },
      { say: 'and what if we go straight to 2013?', first: /^No\b/, has: [/Lync Server 2013/] },
    ],
  },
  'several clients asked at once: one verdict, Partly when they differ': {
    turns: [
      {
        say: 'are lync 2010 and oc 2007 r2 both fine on lync server 2013?',
        first: /^Partly: Lync 2010 is supported on Lync Server 2013; Office Communicator 2007 R2 interoperates/,
      },
      { say: 'and are lync 2013 and lync 2010 ok there?', first: /^Yes\b/, has: [/Lync 2010 is supported on Lync Server 2013/] },
    ],
  },
  'two questions in one message: each answered in turn, with its own verdict': {
    turns: [
      {
        say: 'We run a mixed estate. Can Lync Server 2010 host the Lync 2013 client? And is Lync Web App 2013 OK on Lync Server 2010 as well?',
        first: /^Yes\b/,
        has: [/No\. Lync Web App 2013 is not supported on Lync Server 2010/],
        lacks: [/Partly/],
      },
      {
        say: 'Is Lync 2010 supported on Lync Server 2013? And on OCS 2007 R2?',
        first: /^Yes\b/,
        has: [/Lync 2010 is not supported on Office Communications Server 2007 R2/],
      },
    ],
  },
  'counts: the matrix as a whole, one server alone with the others ruled out, versions of clients': {
    turns: [
      {
        say: 'how many attendant consoles are listed, and how many of them work on ls2013?',
        first: /^The support matrix lists 2 of them/,
        has: [/1 client is supported on Lync Server 2013: Lync 2010 Attendant/],
      },
      {
        say: 'how many clients are listed in the LS2013 client support matrix?',
        first: /^The support matrix lists 11 clients/,
        has: [/Interoperable on Lync Server 2013: 1 \(Office Communicator 2007 R2\)/],
      },
      {
        say: 'which clients only work on LS2010, not on LS2013 nor OCS 2007 R2?',
        first: /^3 clients are supported only on Lync Server 2010/,
      },
    ],
  },
  'counts in French: versions of clients, one server alone with the others ruled out': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'combien de versions de client anterieures LS2013 prend en charge ?',
        first: /^2 clients sont pris en charge sur Lync Server 2013/,
      },
      // (A status ruled out is not the one asked: "pas les non applicables".)
      {
        say: 'combien de clients sont NON pris en charge sur LS2013 (pas les non applicables)',
        first: /^5 clients sont non pris en charge sur Lync Server 2013/,
      },
      {
        say: "combien de clients ne marchent qu'avec LS2010 (ni LS2013 ni OCS 2007 R2) ?",
        first: /^3 clients ne sont pris en charge que sur Lync Server 2010/,
      },
    ],
  },
  'two steps offered as a choice: the one that comes first or last, with its step': {
    turns: [
      // (What replaces a related product: its successor, as the documentation says it.)
      {
        say: 'whats the successor of lync server 2010 group chat in 2013',
        first: /^In Lync Server 2013, Persistent Chat takes over from Lync Server 2010 Group Chat/,
      },
      // (And of its client, read from a generic name, that has no replacement of its own.)
      {
        say: 'what replaces group chat in 2013?',
        first: /^In Lync Server 2013, Persistent Chat takes over from Lync Server 2010 Group Chat/,
      },
      // (A claim written to say what something is says it, without a verdict, to "what is …?".)
      {
        say: 'What is the default known user SIP address LS2010 Group Chat clients connect with?',
        first: /^The Lync Server 2010 Group Chat well-known user is by default OCSChat@/,
      },
      {
        say: 'which comes first: installing the LS2013 persistent chat pool or disabling LS2010 GC?',
        first: /^Step 2 comes first: Install a Lync Server 2013 Persistent Chat Server/,
        has: [/Step 3: .*disable Lync Server 2010 Group Chat/],
      },
      { say: 'should we upgrade the servers or the clients first?', first: /./, lacks: [/comes first/] },
    ],
  },
  'a client deployed first, before a move: against the server moved from; why, from the support topics': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'on prevoit LS2010 -> LS2013. on peut deployer le client Lync 2013 en premier ?',
        first: /^Oui\b/,
        has: [/Lync 2013 est pris en charge sur Lync Server 2010\./],
        lacks: [/étape 9/i],
      },
      { say: "pourquoi c'est possible ?", first: /Lync Server 2010 prend en charge le nouveau client Lync 2013/ },
    ],
  },
  'after a plan, another client "on a few old laptops": asked of the server moved to': {
    turns: [
      { say: "We're migrating from OCS 2007 R2 to LS2013. Can the receptionists keep their OCS 2007 R2 Attendant?", first: /^No\b/ },
      { say: 'what about Office Communicator 2007 on a few old laptops?', first: /^No\b/, has: [/not supported on Lync Server 2013/] },
    ],
  },
  "a client asked back of a topic's 'all of that': what the subject's claims say of that client": {
    turns: [
      { say: 'whats new when pairing lync server 2013 with exchange 2013?', first: /four new features/ },
      {
        say: 'do users still on the lync 2010 client get all of that?',
        first: /^No\b/,
        has: [/not available in Lync 2010/, /Lync 2010 cannot show high-resolution photos/],
      },
    ],
  },
  'two steps offered as a choice, in French: the one that comes last': {
    locale: 'fr-FR',
    turns: [
      // (Providers asked which are covered, a client named beside: the providers, not the client's row.)
      { say: 'quels fournisseurs PIC sont couverts pour Lync 2013 ?', first: /^La connectivité PIC couvre 4 fournisseurs/ },
      // (A French verb's doubled consonant is the English word's: "décommissionne" names step 9's "decommission".)
      { say: 'quand est-ce qu on decommissionne le serveur LS2010 Group Chat ?', first: /^Étape 9 : Plus tard, mettez hors service/ },
      { say: 'config matérielle requise pour un serveur frontal ?', first: /^Je ne peux pas répondre/ },
      {
        say: 'pendant la bascule GC->PC, on fait quoi en dernier : demarrer les serveurs PC ou desactiver le GC 2010 ?',
        first: /^L’étape 7 vient en dernier : Démarrez les serveurs Lync Server 2013 Persistent Chat/,
      },
    ],
  },
  "a detail that answers more exactly than the topic's first sentence is said first": {
    turns: [{ say: 'what happens to the well known user during the migration?', first: /well-known user \(by default OCSChat@/ }],
  },
  'after a plan: the same clients to another server, and why for one of them': {
    turns: [
      {
        say: 'we are on ocs 2007 r2 with communicator 2007 and the lync 2010 attendee. moving to ls2013, what must go?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013/],
      },
      { say: 'and if we stop at lync server 2010 first?', first: /^Moving from Office Communications Server 2007 R2 to Lync Server 2010/ },
      {
        say: 'and to ls2013 then?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013/],
      },
      { say: 'why not the attendee?', first: /Lync Web App 2013/ },
    ],
  },
  'plans asked in other words: retiring a server, "what happens to", "de … à 2013", no source named': {
    turns: [
      {
        say: 'before we decommission ocs 2007 r2, which clients must be replaced?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013: IM and presence only: 1; to replace: 3\./],
      },
      {
        // (A yes/no question after a comma is one: the verdict first, then the plan.)
        say: 'we migrate OCS 2007 R2 to LS 2010, does anything break?',
        first: /^No: nothing must be replaced for Lync Server 2010\./,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2010: keep working: 4\./],
      },
      {
        say: 'we will go to lync server 2013 and still have communicator 2007 r2 everywhere. what happens to it?',
        first: /^Office Communicator 2007 R2: IM and presence only; for meetings use Lync Web App 2013\./,
        has: [/Moving to Lync Server 2013: IM and presence only: 1\./],
      },
    ],
  },
  'a plan with generic names takes, of each, the clients in use on the server left': {
    turns: [
      {
        say: 'moving ocs r2 to ls2013, we have the attendant and communicator. plan?',
        first: /^Moving from Office Communications Server 2007 R2 to Lync Server 2013: IM and presence only: 1; to replace: 2\./,
        has: [/Office Communications Server 2007 R2 Attendant/],
        hasNot: [/Lync 2010 Attendant/],
      },
    ],
  },
  'plans asked in other words, in French': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'on passe de lync server 2010 à 2013, quels clients faut-il remplacer ?',
        first: /^À remplacer pour Lync Server 2013 : /,
        has: [/Passage de Lync Server 2010 à Lync Server 2013 :/],
      },
      {
        say: 'nous migrons vers lync server 2013 depuis ocs 2007 r2, que deviennent nos clients live meeting 2007 ?',
        first: /^Passage d’Office Communications Server 2007 R2 à Lync Server 2013 : à remplacer : 1\./,
      },
    ],
  },
  "a yes/no question no claim's terms match is settled by the claim whose statement says it": {
    turns: [{ say: 'can we store lync archives in exchange 2013 instead of sql?', first: /^Yes\b/ }],
  },
  'PIC follow-ups keep what was asked: still, why (the reason the sources give), which provider has it': {
    turns: [
      { say: 'is yahoo federation still available?', first: /^No\b/ },
      { say: 'why?', first: /agreements/ },
      { say: 'and aol?', first: /^No\b/, has: [/PIC federation with AOL ended on 30 June 2014/] },
      { say: 'does skype federation support video?', first: /^No\b/ },
      { say: 'why not?', first: /no reason/ },
      { say: 'which provider has it?', first: /Windows Live Messenger/ },
    ],
  },
  'intersections count, and name what works everywhere only in part': {
    turns: [
      {
        say: 'which clients work on all three servers?',
        first: /^No\b/,
        has: [/Office Communicator 2007 R2 works on all of them, but only for IM and presence on Lync Server 2013/],
      },
      {
        say: 'how many clients work on both ls2013 and ls2010?',
        first: /^3 clients are supported on Lync Server 2013 and Lync Server 2010/,
      },
      { say: 'how many lync 2010 clients are there?', first: /\b5 clients\b/ },
      { say: 'how many front end editions are there?', first: /two editions/ },
    ],
  },
  'features and products the sources never name are declined, with what they do say': {
    turns: [
      {
        say: 'does skype federation do screen sharing?',
        first: /^I can't answer that/,
        has: [/What it does say: federation with Skype offers IM, presence and audio/],
        hasNot: [/^No\b/, /^Yes\b/],
      },
      { say: 'lync 2010 on windows 8?', first: /^I can't answer that: I don't know lync 2010 on windows 8/ },
      { say: 'does lync server 2013 support exchange 2016?', first: /^I can't answer that: I don't know exchange 2016,/ },
    ],
  },
  'a licence: which providers need it, buying it, what it comes on top of': {
    turns: [
      {
        say: 'which providers need a pic usl?',
        first:
          /^The PIC User Subscription License \(PIC USL\) is needed for federation with Yahoo!, in addition to the Lync Server Client Access License/,
      },
      { say: 'can i still buy one?', first: /^No\b/, has: [/1 September 2012/] },
      { say: 'and what does that licence come on top of?', first: /comes on top of the Lync Server Client Access License/ },
    ],
  },
  'follow-ups on a topic are read within its subject': {
    turns: [
      { say: 'standard or enterprise edition, what is the difference?', first: /Standard Edition/ },
      { say: 'does standard do enterprise voice?', first: /^Yes\b/ },
      { say: 'and high availability?', first: /^No\b/ },
    ],
  },
  'follow-ups on a topic, in French': {
    locale: 'fr-FR',
    turns: [
      { say: 'les photos haute résolution, ça marche avec lync server 2013 ?', first: /^Oui\b/ },
      { say: 'taille max ?', first: /648/ },
    ],
  },
  'a move stated is planned; a client asked about next is asked about there': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'nous quittons ocs 2007 r2 pour lync server 2013 en mars',
        first: /^Passage d’Office Communications Server 2007 R2 à Lync Server 2013/,
      },
      { say: "et l'intendant lync 2010, il ferait l'affaire ?", first: /^Oui\b/, has: [/Lync Server 2013/] },
    ],
  },
  'a not-applicable cell yields to the topic the question is about': {
    turns: [
      { say: 'is lync 2010 group chat supported on lync server 2013?', first: /^Not applicable\b/ },
      { say: 'can lync 2010 group chat clients still connect to the new ls2013 persistent chat pool?', first: /^Yes\b/ },
    ],
  },
  'providers counted against today: still working, ended': {
    turns: [
      {
        say: 'how many pic providers still work today?',
        first: /^PIC federation still works with 2 of the 4 providers today: Skype and Windows Live Messenger\./,
      },
      { say: 'which providers has federation ended with?', first: /^PIC federation has ended with 2 of the 4 providers: AOL and Yahoo!\./ },
    ],
  },
  'a claim is not stretched: another version, another subject, a price': {
    turns: [
      { say: 'can sharepoint 2013 search archived lync data?', first: /^Yes\b/ },
      { say: 'can sharepoint 2010 search archived lync data?', first: /^(?!Yes\b)/ },
      { say: 'does lync online plan 1 include enterprise voice?', first: /^(?!No provider)/ },
    ],
  },
  'a provider left out ("besides", "à part")': {
    turns: [
      { say: 'is there any provider other than skype with audio?', first: /^Yes\b/, has: [/Windows Live Messenger/] },
      { say: 'does any pic provider offer video besides messenger?', first: /^No\b/ },
    ],
  },
  'every client of a name, asked yes/no: not all of them, then each': {
    turns: [
      {
        say: 'is every lync 2010 client supported on ls2013?',
        first: /^No, not all of them: Lync 2010 is supported on Lync Server 2013; Lync 2010 Attendant is supported/,
      },
      { say: 'is lync 2010 supported on all three servers?', first: /^No\b/ },
    ],
  },
  '"when" inside a question opens a clause; at its start or end it asks for a date': {
    turns: [
      { say: 'yahoo federation ended when?', first: /30 June 2014/ },
      { say: 'does lync update my presence when my outlook calendar shows a meeting?', first: /^Yes\b/ },
    ],
  },
  'a server after "our servers are" is the server': {
    turns: [{ say: 'our server is lync 2013. do lync 2010 desktops still work?', first: /^Yes\b/, has: [/Lync Server 2013/] }],
  },
  'unknown products are declined, never mapped onto known ones': {
    turns: [
      {
        say: 'is lync 2013 for mac supported on lync server 2013?',
        first: /^I can't answer that: I don't know lync 2013 for mac/i,
        hasNot: [/^Yes/],
      },
      { say: 'does skype for business work with lync server 2013?', first: /^I can't answer that/, hasNot: [/^Yes/, /^No\./] },
    ],
  },
  'PIC: features, follow-ups, lists, licences and dates': {
    turns: [
      { say: 'does aol federation include audio?', first: /^No\b/ },
      { say: 'and wlm?', first: /^Yes\b/, has: [/Windows Live Messenger/] },
      { say: 'which providers offer video?', first: /Windows Live Messenger/, hasNot: [/Skype/] },
      { say: 'do we need a pic usl for skype?', first: /^No\b/ },
      { say: 'can we still buy the pic usl?', first: /^No\b/, has: [/2012/] },
    ],
  },
  '"why" in the other language, and dates the matrix does not have': {
    turns: [
      { say: 'is office communicator 2007 r2 supported on lync server 2013?', first: /^Partly\b/ },
      { say: 'pourquoi ?', first: /^La présence et la messagerie instantanée d’Office Communicator 2007 R2/ },
      {
        say: 'when does lync server 2010 reach its end of support?',
        first: /^I can't answer that: I don't know/,
        hasNot: [/^Yes/, /^No\./],
      },
      {
        say: 'when will lync server 2010 be retired?',
        first: /^I can't answer that: I don't know, because the documentation I answer from gives no dates for Lync Server 2010/,
      },
    ],
  },
  'a licence that expires before the shutdown': {
    turns: [
      {
        say: 'if our yahoo pic licence expires in march 2014, do we keep federating until the shutdown?',
        first: /^No\./,
        has: [/whichever comes first/],
      },
    ],
  },
  'a topic question about what the sources do not cover is declined': {
    locale: 'fr-FR',
    turns: [
      { say: 'la présence se synchronise avec ma montre garmin ?', first: /^Je ne peux pas répondre à cela/, hasNot: [/^Oui/, /^Non/] },
    ],
  },
  'PIC in French, and a topic switch': {
    locale: 'fr-FR',
    turns: [
      { say: 'la fédération yahoo marche encore ?', first: /^Non\b/, has: [/30 juin 2014/] },
      { say: 'et pour skype, la vidéo ?', first: /^Non\b/ },
      { say: 'quel port utilise la messagerie instantanée sur le serveur frontal ?', first: /5061/ },
    ],
  },
  'the providers listed on a bare question, then those ended, then what one of them offers (French)': {
    locale: 'fr-FR',
    turns: [
      { say: 'fournisseurs PIC ?', first: /^La connectivité PIC couvre 4 fournisseurs : Skype, Windows Live Messenger, AOL et Yahoo!/ },
      { say: 'lesquels sont en fin de vie ?', first: /AOL et Yahoo!/, hasNot: [/Skype/] },
      {
        say: 'et skype, il fait quoi comme fonctionnalités ?',
        first: /^La fédération avec Skype offre messagerie instantanée, présence et audio/,
      },
    ],
  },
  'which one does it, the feature named: the providers asked, not the one before': {
    locale: 'fr-FR',
    turns: [
      { say: 'skype en fédération : la vidéo marche ?', first: /^Non\b/ },
      { say: 'lequel fait la vidéo alors ?', first: /Windows Live Messenger/, hasNot: [/Skype/] },
      { say: 'il faut une PIC USL pour lui ?', first: /^Non\b/, has: [/Windows Live Messenger/] },
    ],
  },
  'a claim reached through a generic product name and a phrase typed with a word inside it': {
    turns: [
      {
        say: 'can a legacy group chat client connect to two pchat pools at the same time',
        first: /^No\b/,
        has: [/A legacy client can be configured to connect to only one Persistent Chat pool at a time/],
      },
      { say: 'les clients group chat hérités peuvent se connecter à plusieurs pools en même temps ?', first: /^Non\b/ },
    ],
  },
  'users on Lync 2013 and the Lync 2010 client are clients, not servers': {
    turns: [
      {
        say: 'is the legacy endpoint needed once every user is on lync 2013?',
        first: /^No\b/,
        has: [/only legacy Group Chat clients need it/],
      },
      { say: 'tout le monde est sur lync 2013, le point de terminaison hérité sert encore ?', first: /^Non\b/ },
    ],
  },
  'yes/no settled by an affirmative sentence of the topic that says it, and not when it does not': {
    turns: [
      { say: 'can ls2013 still archive to sql server like 2010 did?', first: /^Yes\b/, has: [/still be archived in SQL Server/] },
      { say: 'does the exchange integration doc cover the initial install of lync and exchange?', hasNot: [/^Yes\b/], first: /./ },
      { say: 'can persistent chat rooms be archived into exchange 2013?', hasNot: [/^Yes\b/], first: /./ },
    ],
  },
  'a claim about one kind of server does not settle a question about another': {
    turns: [
      { say: 'is the IMMCU part of the edge server', hasNot: [/^Yes\b/], first: /./ },
      { say: 'is the IMMCU part of the front end server', first: /^Yes\b/ },
    ],
  },
  'which of those work on another server: among the list, then why': {
    turns: [
      { say: 'which clients are supported on ocs 2007 r2?', first: /Communicator 2007 R2/ },
      {
        say: 'which of those also work on lync server 2013?',
        first: /^None of them is fully supported on Lync Server 2013\./,
        has: [/Office Communicator 2007 R2 works on Lync Server 2013 for IM and presence only/],
        hasNot: [/Lync 2013|Lync Web App 2013/],
      },
      { say: 'why?', first: /IM|presence/ },
    ],
  },
  'the clients of a name, then which of these work on a server': {
    turns: [
      { say: 'list the lync 2010 clients', first: /^The Lync 2010 clients are Lync 2010, .*Lync 2010 Attendee\./ },
      {
        say: 'which of these are fine on lync server 2013?',
        first: /^Of those, supported on Lync Server 2013: Lync 2010 and Lync 2010 Attendant\./,
      },
      // (Asked again of another server: among the same clients as before, not a yes/no of one of them.)
      { say: 'and on ocs 2007 r2?', first: /^None of them is fully supported on Office Communications Server 2007 R2\./ },
    ],
  },
  'which provider a licence covers: those it is one way to, with the other ways': {
    turns: [
      {
        say: 'which PIC provider can be licensed through Lync Online Plan 1/2/3?',
        first: /^Federation with Skype can be licensed with the Lync Online Plan 1, 2 or 3, or with the Lync Server Client Access License/,
      },
      {
        say: 'which providers need the PIC USL?',
        first: /^The PIC User Subscription License \(PIC USL\) is needed for federation with Yahoo!/,
      },
      { say: 'quels fournisseurs acceptent lync online ?', first: /^La fédération avec Skype peut être couverte par la Lync Online/ },
    ],
  },
  'a thing asked for that the topic found does not give: the sentence of its subject that gives it': {
    turns: [
      { say: 'lync 2013 client with the lync server 2010 group chat server?', first: /^No\b/ },
      { say: 'whats the default sip address the old clients used', first: /OCSChat@<domain>/ },
      { say: 'adresse SIP par défaut des anciens clients ?', first: /OCSChat@<domaine>/ },
      // (Nothing in the subject gives it: still declined.)
      {
        say: 'what port does skype federation use?',
        first: /^I can't answer that: the documentation I answer from does not give the port/,
      },
    ],
  },
  'a thing asked for, given only of something else: declined, and given when it is of what was asked': {
    turns: [
      // (The Front End's IM port says nothing of PIC; the endpoint's cmdlet nothing of exporting data.)
      {
        say: 'combien de ports a ouvrir sur le firewall pour le PIC ?',
        first: /^Je ne peux pas répondre à cela : la documentation sur laquelle je m’appuie ne donne pas le port\./,
      },
      {
        say: 'which cmdlet exports the group chat data from ocs 2007 r2?',
        first: /^I can't answer that: the documentation I answer from does not give the cmdlet\./,
      },
      { say: 'la MI entre deux users lync ca passe par quel port sur le FE ?', first: /5061/ },
      { say: 'which cmdlet creates the legacy endpoint?', first: /New.CsPersistentChatEndpoint/ },
    ],
  },
  'a client kept in a move, named beside a generic name of its kind: that client alone, verdict first': {
    turns: [
      // ("Switchboard" stands for any attendant; the one named is the one meant.)
      {
        say: 'we migrate LS2010 to LS2013 but want to keep the lync 2010 attendant on the switchboard, fine?',
        first: /^Yes\b/,
        lacks: [/Office Communications Server 2007 R2 Attendant/],
      },
      // ("Tel quel" holds "quel" and asks no list.)
      {
        say: "projet de migration OCS R2 -> LS2013, l'accueil utilise l'intendant OCS 2007 R2 (attendant). on le garde tel quel ?",
        first: /^Non\b/,
      },
    ],
  },
  'a client after a verb putting it on desks is the client, not the server moved to': {
    turns: [
      {
        say: 'we are still on ocs 2007 r2 and want to push lync 2013 to all desktops before the server migration. ok?',
        first: /^No\b/,
        has: [/Lync 2013 is not supported on Office Communications Server 2007 R2/],
      },
    ],
  },
  'a thing asked for, in French words beside English ones: given of the "point de terminaison hérité"': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'migration group chat 2010 vers persistent chat 2013 : la commande pour le legacy endpoint ?',
        first: /New.CsPersistentChatEndpoint/,
      },
    ],
  },
  'a shortened word is read written out ("haute dispo")': {
    locale: 'fr-FR',
    turns: [
      { say: 'le Standard Edition supporte la voix entreprise ?', first: /^Oui\./ },
      { say: 'et la haute dispo ?', first: /^Non\./, has: [/haute disponibilité/] },
    ],
  },
  '"why?" after "not applicable": the footnotes of its row say what the client is': {
    locale: 'fr-FR',
    turns: [
      { say: 'le client conversation de groupe lync 2010 est supporte sur ls2013 ?', first: /^Non applicable\./ },
      { say: 'pourquoi ?', first: /application approuvée tierce pour Lync Server 2010/ },
      { say: 'is lync 2010 group chat supported on ls2013?', first: /^Not applicable\./ },
      { say: 'why?', first: /trusted third-party application/, has: [/Persistent Chat/] },
    ],
  },
  'which is missing from a list: the others of the matrix, those it does not apply to said apart': {
    turns: [
      { say: 'which clients are supported on LS2013?', first: /Lync Server 2013/ },
      {
        say: 'which ones are missing?',
        first: /^The other clients of the matrix are not supported on Lync Server 2013: Lync Web App 2010, /,
        has: [/Lync 2010 Group Chat does not apply to Lync Server 2013\./],
        hasNot: [/Group Chat/],
      },
      { say: 'combien de clients sur LS2010', first: /^10 clients sont pris en charge sur Lync Server 2010/ },
      {
        say: 'lequel manque ?',
        first: /^Les autres clients de la matrice ne sont pas pris en charge sur Lync Server 2010 : Lync Web App 2013\./,
      },
    ],
  },
  '"how many providers …" about licences: the count first, then who': {
    turns: [
      { say: 'how many providers need the PIC USL?', first: /^1 of the 4 providers\./, has: [/Yahoo!/] },
      {
        say: 'how many providers can I federate with using only CALs?',
        first: /^3 of the 4 providers\./,
        has: [/Skype, Windows Live Messenger and AOL/],
      },
      { say: 'combien de fournisseurs PIC demandaient une licence en plus des CAL ?', first: /^1 des 4 fournisseurs\./ },
    ],
  },
  '"passe par quoi" asks what a thing goes through, not what replaces it, nor whether it works': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'la messagerie vocale lync 2013 passe par quoi ?',
        first: /^La messagerie unifiée \(UM\) d’Exchange Server 2013 peut aussi fournir la messagerie vocale/,
      },
      { say: 'lync 2010 attendee est remplacé par quoi ?', first: /^Lync Web App 2013 remplace Lync 2010 Attendee/ },
    ],
  },
  'the legacy endpoint serves OCS 2007 R2 Group Chat clients too; Lync 2013 clients on OCS Group Chat are another question': {
    turns: [
      {
        say: 'can OCS 2007 R2 group chat clients be pointed at a lync server 2013 pchat pool?',
        first: /^Yes\./,
        has: [/Office Communications Server 2007 R2 Group Chat/],
      },
      { say: 'does the persistent chat backward compat also cover OCS 2007 R2 group chat clients?', first: /^Yes\./ },
    ],
  },
  'a yes/no question with another as its alternative: the first settles both': {
    turns: [
      {
        say: 'After moving to Lync Server 2013, can we keep archiving in SQL Server, or is Exchange 2013 mandatory for archiving?',
        first: /^Yes\./,
        has: [/SQL Server/],
      },
      { say: 'is exchange archiving mandatory?', first: /^No\./ },
      { say: "avec LS2013 on peut encore archiver la MI dans SQL Server ou c'est exchange obligatoire ?", first: /^Oui\./ },
    ],
  },
  'whether it federates, asked again of another provider: yes with what it offers, no since it ended': {
    turns: [
      { say: 'can we federate with skype?', first: /^Yes\./ },
      { say: 'and messenger?', first: /^Yes\./, has: [/Windows Live Messenger/] },
      { say: 'and yahoo?', first: /^No\./, has: [/ended on 30 June 2014/] },
      { say: 'teams peut fédérer avec lync server 2013 ?', first: /^Je ne peux pas répondre/ },
      { say: 'bon, et lync avec les utilisateurs skype ?', first: /^Oui\./, has: [/audio/] },
      { say: 'lync peut fédérer avec skype ?', first: /^Oui\./ },
    ],
  },
  'the status in the matrix asked by name: the cell, even of a client it does not apply to': {
    locale: 'fr-FR',
    turns: [
      { say: "le client group chat 2010 sur LS2013 c'est quoi son statut dans la matrice ?", first: /^Non applicable\./ },
      { say: 'et sur LS2010 ?', first: /^Oui\./, has: [/Lync 2010 Group Chat est pris en charge sur Lync Server 2010/] },
    ],
  },
  'the clients of a name, past a word that only qualifies it ("lync 2010 generation clients")': {
    turns: [
      {
        say: 'which lync 2010 generation clients stop working on LS2013?',
        first: /^Not fully supported on Lync Server 2013: not supported: Lync Web App 2010 and Lync 2010 Attendee/,
      },
    ],
  },
  'two servers set against each other after a move in the scene: "on 2010 but not on 2013" is no move target': {
    turns: [
      {
        say: 'planning the LS2013 upgrade from LS2010. anything that is supported on 2010 but NOT supported on 2013? list pls',
        first: /^Not fully supported on Lync Server 2013: not supported: Lync Web App 2010, Lync 2010 Attendee/,
        hasNot: [/Lync Web App 2013/],
      },
    ],
  },
  'a client with no successor named: what the matrix names instead for what its name says it does (meetings)': {
    turns: [
      { say: 'do we need to replace live meeting 2007 when going to LS2013?', first: /^Yes\b/ },
      {
        say: 'with what?',
        first: /^The documentation names no replacement for Office Live Meeting 2007\./,
        has: [/For meetings on Lync Server 2013, use Lync Web App 2013/],
      },
      {
        say: 'par quoi on remplace live meeting 2007 quand on passe en LS2013 ?',
        first:
          /^Office Live Meeting 2007 : remplacer \(la documentation ne nomme pas de successeur ; pour les réunions sur Lync Server 2013 : Lync Web App 2013\)/,
      },
      // (After a move: its line of the plan, with nothing in its name that another client's successor is named for.)
      {
        say: 'what replaces lync 2010 group chat?',
        first: /^Lync 2010 Group Chat: not applicable; with Lync Server 2013, Group Chat becomes Persistent Chat/,
        lacks: [/Web App/],
      },
    ],
  },
  'what those users should use for meetings, after a plan: the successor named for meetings': {
    turns: [
      {
        say: 'We move from OCS 2007 R2 to Lync Server 2013 and still run OC 2007 R2, OC 2007 and Live Meeting 2007. What must we replace?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013/],
      },
      { say: 'why is OC 2007 R2 only partly OK?', first: /conferencing features do not/ },
      { say: 'what should those users use for meetings then?', first: /^For meetings on Lync Server 2013, use Lync Web App 2013\./ },
    ],
  },
  'a generic name in the plural, listed of no server: the clients of that kind, not a question back': {
    turns: [
      { say: 'list the web apps', first: /^The support matrix lists 2 of them: Lync Web App 2013 and Lync Web App 2010\./ },
      {
        say: 'list the attendants',
        first: /^The support matrix lists 2 of them: Lync 2010 Attendant and Office Communications Server 2007 R2 Attendant\./,
      },
      // (One of them asked for: which one.)
      { say: 'which attendant?', first: /^Which one do you mean: Lync 2010 Attendant or Office Communications Server 2007 R2 Attendant\?/ },
    ],
  },
  'the time between two dates the question names (end of sale, end of service), in both languages': {
    turns: [
      {
        say: 'how long between the end of sale of the PIC USL and the yahoo shutdown?',
        first:
          /^1 year and 9 months passed between the end of sale of the PIC User Subscription License \(PIC USL\) \(1 September 2012\) and the end of PIC federation with Yahoo! \(30 June 2014\)\./,
      },
      {
        say: "combien de temps entre la fin de vente de la PIC USL et l'arret de yahoo ?",
        first: /^Il s’est écoulé 1 an et 9 mois entre la fin de vente/,
      },
      // (One date only: how long ago, as before.)
      { say: 'how long ago did AOL federation end?', first: /^PIC federation with AOL ended on 30 June 2014, 12 years ago\./ },
    ],
  },
  "how long the service has been cut, after a licence question: the provider's end, not the licence's sale": {
    locale: 'fr-FR',
    turns: [
      {
        say: "yahoo : si notre PIC USL expirait en mars 2014, on pouvait fédérer jusqu'a l'arret du service ?",
        first: /^Non : la fédération avec Yahoo! prend fin à l’expiration de votre licence/,
      },
      {
        say: 'et ça fait combien de temps que le service est coupé ?',
        first: /^La fédération PIC avec Yahoo! a pris fin le 30 juin 2014, il y a 12 ans\./,
      },
    ],
  },
  'until when licences kept federation going, with no expiry given: the earlier of the two': {
    turns: [
      {
        say: 'until when could customers with older PIC licenses keep federating with yahoo?',
        first: /^Until their licence expired or federation with Yahoo! ended \(30 June 2014\), whichever came first\./,
      },
      { say: 'when did yahoo federation end?', first: /^PIC federation with Yahoo! ended on 30 June 2014/ },
    ],
  },
  '"Lync 2013" naming no server may be the product as a whole: said of Lync Server 2013, it is answered': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'integration OWA et lync 2013 : on peut planifier des reunions lync depuis OWA ?',
        first: /^Oui : quand Lync Server 2013 et Exchange 2013 sont intégrés/,
      },
    ],
  },
  'a question the classifier took for a reminder, with no reminder word, is reasoned about': {
    turns: [
      { say: 'Could we provision extra domains for AOL federation through PIC before the end date?', first: /^No\./, has: [/AOL/] },
      { say: 'remind me before the aol end date', first: /nothing left to remind you of/ },
    ],
  },
  'whether any client works on two servers named: the intersection, verdict first': {
    turns: [
      {
        say: 'is there a client that works on ls2013 and ocs 2007 r2?',
        first: /^No\./,
        has: [
          /No client is supported on Lync Server 2013 and Office Communications Server 2007 R2/,
          /Office Communicator 2007 R2 works on both, but only/,
        ],
      },
      { say: 'any client that works on ls2013 and ls2010?', first: /^Yes\./, has: [/Lync 2013, Lync 2010 and Lync 2010 Attendant/] },
    ],
  },
  'whether "it" works, opening a conversation: which client is asked back, the server named kept': {
    turns: [
      { say: 'does it work on 2013?', first: /^Which client do you mean\?/ },
      { say: 'lync 2010', first: /^Yes\./, has: [/Lync 2010 is supported on Lync Server 2013/] },
    ],
  },
  'whether the old client can be kept, naming none: asked back, not a Persistent Chat answer': {
    turns: [{ say: 'can we keep the old client?', first: /^Which client do you mean\?/ }],
  },
  '"le client est compatible ?" naming none: asked back in French': {
    locale: 'fr-FR',
    turns: [
      { say: 'le client est compatible ?', first: /^Quel client voulez-vous dire \?/ },
      // (A feature asked of "it" is not asked back this way.)
      { say: 'is lync 2010 supported on ls2013?', first: /^Yes\./ },
      { say: 'does it work on 2010?', first: /^Yes\./, has: [/Lync 2010 is supported on Lync Server 2010/] },
    ],
  },
  'a plan answers what was asked first: the clients that break, the one client asked about, the client beside a move': {
    turns: [
      {
        say: 'we are on LS2010 and moving to LS2013 next quarter. we still have lync 2010 attendee and lwa 2010 for external people. what breaks?',
        first: /^To replace for Lync Server 2013: Lync 2010 Attendee and Lync Web App 2010\./,
      },
      {
        say: 'moving from lync 2010 to lync 2013, what about the lync 2010 client?',
        first: /^Lync 2010: keeps working\./,
      },
      // ("The Lync 2010 desktop clients" after a move are the client, not the server left.)
      {
        say: 'migration ls2010 -> ls2013: do i need to touch the lync 2010 desktop clients?',
        first: /^No: nothing must be replaced for Lync Server 2013\./,
      },
    ],
  },
  'follow-ups on providers by their end, and the other year of a client': {
    turns: [
      {
        say: 'which providers are still active?',
        first: /^PIC federation still works with 2 of the 4 providers today: Skype and Windows Live Messenger\./,
      },
      { say: 'and which ended?', first: /^PIC federation has ended with 2 of the 4 providers: AOL and Yahoo!\./ },
      {
        say: 'which of those are still available?',
        first: /^None of them is still available: PIC federation with AOL and Yahoo! has ended\./,
      },
      { say: 'is lwa 2013 supported on ls2010?', first: /^No\./ },
      { say: 'what about 2013?', first: /^Yes\./, has: [/Lync Web App 2013 is supported on Lync Server 2013/] },
      { say: 'and the 2010 version?', first: /^No\./, has: [/Lync Web App 2010 is not supported on Lync Server 2013/] },
      { say: 'and on 2010?', first: /^Yes\./, has: [/Lync Web App 2010 is supported on Lync Server 2010/] },
    ],
  },
  'a follow-up pointing back with no words of its own stays on the last topic': {
    turns: [
      { say: 'where are the high res photos stored?', first: /648×648/ },
      { say: 'how big can they be?', first: /up to 648×648 pixels/ },
    ],
  },
  '"why?" after a topic of the matrix\'s subject answered by its dialog: the topic\'s details, not its answer again': {
    turns: [
      { say: 'can lync 2013 connect to the lync server 2010 group chat server?', first: /^No\b/ },
      { say: 'why?', first: /^In Lync Server 2010, Group Chat came from a separate Group Chat server, a trusted third-party application/ },
    ],
  },
  'a status asked of no server: every client with it, and where': {
    turns: [
      {
        say: 'how many clients are not applicable?',
        first: /^1 client is not applicable somewhere in the matrix: Lync 2010 Group Chat\./,
        has: [/Lync 2010 Group Chat: not applicable on Lync Server 2013 and Office Communications Server 2007 R2\./],
      },
      {
        say: 'which clients are partly supported?',
        first: /^1 client is interoperable somewhere in the matrix: Office Communicator 2007 R2\./,
      },
      { say: 'quels clients sont partiellement pris en charge ?', first: /^1 client est interopérable quelque part dans la matrice/ },
      // (Of a server named, its column as before.)
      { say: 'which clients are interoperable with ls2013?', first: /^Interoperable on Lync Server 2013: Office Communicator 2007 R2\./ },
    ],
  },
  'which of those work on a server, then on another, then in French': {
    turns: [
      { say: 'how many clients on OCS 2007 R2?', first: /^4 clients are supported on Office Communications Server 2007 R2/ },
      { say: 'which of those also work on LS2013?', first: /^None of them is fully supported on Lync Server 2013\./ },
      {
        say: 'and on LS2010?',
        first: /^Of those, supported on Lync Server 2010: Office Communicator 2007 R2, .*Office Live Meeting 2007\./,
      },
      { say: 'et sur lync server 2013 ?', first: /^Aucun d’eux n’est entièrement pris en charge sur Lync Server 2013\./ },
    ],
  },
  'words that only place a question in time do not keep a claim from settling it': {
    turns: [{ say: 'do we need to do anything now that messenger moved to skype?', first: /^No\b/, has: [/nothing to do/] }],
  },
  'a count asked again of another server, with a role word (French)': {
    locale: 'fr-FR',
    turns: [
      { say: 'combien de clients supportés par ocs r2 ?', first: /^4 clients\b/ },
      { say: 'et par lync server 2010 ?', first: /^10 clients\b/ },
    ],
  },
  'a question about something of the clients of a name is not their list': {
    turns: [
      {
        say: 'what was the default well known user lync 2010 group chat clients connect with',
        hasNot: [/^The Lync 2010 Group Chat clients are/],
        first: /./,
      },
    ],
  },
  'straight to 2013 in French, then the R2 version of the client': {
    locale: 'fr-FR',
    turns: [
      { say: "communicator 2007 après passage d'ocs r2 à lync server 2010, ok ?", first: /^Oui\b/ },
      { say: 'et si on va directement sur 2013 ?', first: /^Non\b(?! applicable)/ },
      { say: 'et la version r2 ?', first: /^Partiellement\b/ },
    ],
  },
  'PIC providers? lists them': {
    turns: [{ say: 'PIC providers?', first: /^Public IM Connectivity covers 4 providers: Skype, Windows Live Messenger, AOL and Yahoo!/ }],
  },
  'which one, then: the feature carried, the one named next': {
    turns: [
      { say: 'does aol federation do video?', first: /^No\b/ },
      { say: 'which one does, then?', first: /Windows Live Messenger/, hasNot: [/AOL/] },
      { say: 'does that one need a usl?', first: /^No\b/, has: [/Windows Live Messenger/] },
    ],
  },
  'among the providers listed, in French': {
    locale: 'fr-FR',
    turns: [
      { say: 'quels fournisseurs PIC existent ?', first: /./, has: [/Yahoo/] },
      { say: 'lesquels sont terminés ?', first: /AOL/, hasNot: [/Skype/] },
    ],
  },
  'where a client works, and the other one of its kind': {
    turns: [
      { say: 'is live meeting 2007 ok on lync server 2013?', first: /^No\b/ },
      { say: 'so where does it work?', first: /Office Live Meeting 2007 is supported on .*Office Communications Server 2007 R2/ },
      { say: 'is the lync 2010 attendant supported on lync server 2013?', first: /^Yes\b/ },
      { say: 'what about the ocs one', first: /^No\b/, has: [/Office Communications Server 2007 R2 Attendant/] },
    ],
  },
  "a move named by a server's short word and a bare version": {
    locale: 'fr-FR',
    turns: [
      {
        say: 'passage en 2013 depuis ocs : que deviennent nos clients live meeting 2007 ?',
        first: /^Passage d’Office Communications Server 2007 R2 à Lync Server 2013 : à remplacer : 1\./,
      },
    ],
  },
  'a status named in the question, and what a partial one leaves out': {
    turns: [
      {
        say: 'which clients are only partly supported on lync server 2013?',
        first: /Office Communicator 2007 R2/,
        hasNot: [/Lync 2010 Attendant/],
      },
      { say: 'how many older client versions can ls2013 handle?', first: /\d/ },
      { say: 'does oc 2007 r2 work with ls2013', first: /^Partly\b/ },
      { say: 'what part doesnt work', first: /conferenc/i },
      { say: 'so for meetings they use what?', first: /Lync Web App 2013/ },
    ],
  },
  'instead, on the server where a client is not supported': {
    turns: [
      { say: 'is lync web app 2013 supported on ls2010?', first: /^No\b/ },
      { say: 'what should those users use instead', first: /^On Lync Server 2010, use Lync Web App 2010 instead of Lync Web App 2013\./ },
    ],
  },
  "a topic the question's words point to, not the classifier's question word; a pronoun keeps the topic": {
    locale: 'fr-FR',
    turns: [
      { say: 'combien de pixels max pour une photo ?', first: /648/ },
      { say: 'c est quoi l immcu ?', first: /IMMCU/ },
      { say: 'il tourne sur quel serveur ?', first: /IMMCU|frontal/, has: [/serveur frontal/] },
    ],
  },
  'why: a topic with a server as its setting, what a client replaces, a status with no footnote': {
    locale: 'fr-FR',
    turns: [
      { say: 'pourquoi les photos haute résolution ne marchent pas avec ls2010 ?', first: /648/ },
      { say: 'lync web app 2013 remplace quoi ?', first: /^Lync Web App 2013 remplace .*Lync 2010 Attendee/ },
      { say: 'le client group chat lync 2010 est pris en charge sur lync server 2013 ?', first: /^Non applicable\b/ },
      // (No footnote on that cell: those of its row say what the client is, a third-party application of Lync Server 2010.)
      { say: 'pourquoi ?', first: /application approuvée tierce pour Lync Server 2010/ },
    ],
  },
  'another product holding a generic name, and a mandatory option': {
    turns: [
      { say: 'do outlook web app users get lync im and presence with exchange 2013?', first: /^(?!Which one)/, hasNot: [/Lync Web App/] },
      { say: 'is archiving in exchange mandatory with lync server 2013?', first: /^No\b/ },
    ],
  },
  'asked for what no source gives (a version, a duration, virtualization, fax), declined; an end date is not a duration': {
    turns: [
      { say: 'quelle version de windows server pour le serveur frontal ?', first: /^I can't answer that|^Je ne peux pas répondre/ },
      { say: 'how long does the group chat data migration take', first: /^I can't answer that/ },
      { say: 'can the front end server run on a vm?', first: /^I can't answer that/ },
      { say: 'does exchange 2013 um support fax?', first: /^I can't answer that/ },
      { say: 'how long will aol federation keep working?', first: /2014/ },
      // Words between the parts of a phrase ("how long … keep"), and what the documentation does say, its verdict left out.
      {
        say: 'how long does exchange archiving keep the transcripts?',
        first: /^I can't answer that: the documentation I answer from does not give a retention period\./,
        has: [/What it does say: With Lync Server 2013/],
      },
      { say: 'combien de temps exchange garde-t-il les archives ?', first: /^Je ne peux pas répondre à cela : .* durée de conservation/ },
      // People are counted ("users per server"), not the server named after them.
      { say: 'how many users per standard edition server?', first: /^I can't answer that: I don't know, because .* gives no figure/ },
    ],
  },
  "a move written with an arrow; a version after a role word is the server, not the client's": {
    turns: [
      {
        say: 'moving ocs -> lync 2013. our users run communicator 2007 r2. keep or replace?',
        // (One client asked about: its line of the plan first, then the plan.)
        first: /^Office Communicator 2007 R2: IM and presence only/,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013/],
      },
      {
        say: 'migration ls2010 to 2013: group chat client users, what happens to them',
        first: /^Lync 2010 Group Chat: not applicable/,
        has: [/Lync Server 2010 to Lync Server 2013/],
        hasNot: [/don't know/],
      },
    ],
  },
  'why after a licence answer and after the providers still available': {
    turns: [
      { say: 'which providers need the pic usl?', first: /Yahoo/ },
      { say: 'why?', first: /^Yahoo!: /, hasNot: [/gives no reason/] },
      { say: 'which pic providers still work today?', first: /Skype/ },
      { say: 'why not the others?', first: /./, hasNot: [/^The documentation gives no reason/] },
    ],
  },
  'a topic follow-up stays on the last topic when it says as much': {
    locale: 'fr-FR',
    turns: [
      { say: 'quelle taille max pour les photos dans lync 2013 ?', first: /648/ },
      { say: 'elles sont stockées où ?', first: /Exchange/, hasNot: [/contacts unifié/] },
    ],
  },
  "a generic name beside a client name, and a server's short word after on": {
    locale: 'fr-FR',
    turns: [
      { say: 'par quoi remplacer l attendee lync 2010 ?', first: /Lync Web App 2013/ },
      { say: 'l attendant lync 2010 marche sur ocs ?', first: /^Non\b/, has: [/Office Communications Server 2007 R2/] },
      { say: 'lync 2013 sur ocs 2007 (pas r2) ?', first: /^Je ne peux pas répondre|^Je ne sais pas/ },
    ],
  },
  'topic follow-ups: tell me more, a client named after a topic': {
    turns: [
      { say: 'what does exchange 2013 bring to lync', first: /./ },
      { say: 'tell me more about the archiving part', first: /transcript|archiv/i },
      { say: 'what is the persistent chat legacy endpoint', first: /SIP/ },
      { say: 'which clients use it?', first: /Group Chat/ },
      { say: 'and lync 2013 clients?', first: /^No\b|does not use it/ },
    ],
  },
  'a licence as one of the ways to a provider; a question about trouble answered the other way round': {
    turns: [
      { say: 'is skype federation available with lync online?', first: /^Yes\b/ },
      { say: 'is yahoo federation available with lync online?', first: /^No\b/ },
      {
        say: 'any problem running lync 2013 clients against an ls2010 pool?',
        first: /^No problem: Lync 2013 is supported on Lync Server 2010/,
      },
      {
        say: 'any issue with live meeting 2007 on lync server 2013?',
        first: /^Yes: Office Live Meeting 2007 is not supported on Lync Server 2013/,
      },
    ],
  },
  'a release date the sources do not give is declined, never a status': {
    turns: [{ say: 'when did lync server 2013 come out', first: /^I can't answer that/ }],
  },
  'a server named after two joining words': {
    locale: 'fr-FR',
    turns: [{ say: 'nos serveurs sont en lync 2010, le client lync 2013 passe ?', first: /^Oui\b/, has: [/Lync Server 2010/] }],
  },
  'features and products the sources never name are declined; the topics keep theirs': {
    turns: [
      { say: 'does lync server 2013 support ipv6?', first: /^I can't answer that/ },
      { say: 'is aol federation encrypted', first: /^I can't answer that/ },
      { say: 'is the unified contact store supported on exchange online?', first: /^I can't answer that|^I don't know/ },
      { say: 'does standard edition support enterprise voice?', first: /^(?!I can't)/ },
    ],
  },
  "a topic's verdict about other products is never given as the verdict on those asked about": {
    turns: [
      {
        say: 'does ocs 2007 r2 support persistent chat?',
        first: /^I can't answer that: the documentation I answer from does not say it of Office Communications Server 2007 R2\./,
        hasNot: [/^Yes\b/],
      },
      { say: 'high res photos in the lync 2010 client?', first: /^No\b/ },
    ],
  },
  'PIC with another server than the one the sources describe is declined, naming it': {
    locale: 'fr-FR',
    turns: [
      { say: 'lync server 2010 peut fédérer avec aol ?', first: /^Je ne peux pas répondre à cela : .*Lync Server 2010/ },
      { say: 'la fédération aol marche avec lync server 2013 ?', first: /^(?!Je ne peux pas)/ },
    ],
  },
  'why after the bot asked for the server': {
    locale: 'fr-FR',
    turns: [
      { say: 'communicator 2007 r2 est supporté ?', first: /\?$/ },
      { say: 'sur la 2013', first: /^Partiellement\b/ },
      { say: 'pourquoi seulement partiellement ?', first: /conférence|réunion/ },
    ],
  },
  'a version beside a pool, or after "on" with a client named, is the server of that version': {
    turns: [
      {
        say: 'lwa 2013 against a 2010 pool, does that work?',
        first: /^No\b/,
        has: [/Lync Web App 2013 is not supported on Lync Server 2010/],
      },
      { say: 'is lync 2010 fine on 2013?', first: /^Yes\b/, has: [/Lync 2010 is supported on Lync Server 2013/] },
    ],
  },
  'le client de la version dite à côté de « pools »': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'le client lync 2013 marche sur nos pools 2010 ?',
        first: /^Oui\b/,
        has: [/Lync 2013 est pris en charge sur Lync Server 2010/],
      },
    ],
  },
  'the answer to "which client?" names the server too': {
    turns: [
      { say: 'is it supported?', first: /^Which client do you mean\?/ },
      { say: 'lync web app 2013 on lync server 2010', first: /^No\b/, has: [/Lync Web App 2013 is not supported on Lync Server 2010/] },
    ],
  },
  'after a plan: a client asked of the server moved to, another one, and how many': {
    turns: [
      {
        say: 'moving 2010 -> 2013: which meeting clients do we have to replace?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Lync Server 2010 to Lync Server 2013/],
      },
      { say: 'is lync 2010 itself fine to keep?', first: /^Yes\b/, has: [/Lync 2010 is supported on Lync Server 2013/] },
      { say: 'what about the 2010 attendant?', first: /^Yes\b/, has: [/Lync 2010 Attendant is supported on Lync Server 2013/] },
      { say: 'and the attendee?', first: /^No\b/ },
    ],
  },
  'after a plan asked for what will not work: how many is that, how many must be replaced': {
    turns: [
      {
        say: 'we are moving from OCS 2007 R2 to LS2013. which of our old clients wont work at all on 2013?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013/],
      },
      { say: 'how many is that?', first: /^That makes 3: / },
      { say: 'how many of those must be replaced?', first: /^3 clients are not supported on Lync Server 2013/ },
    ],
  },
  'après un plan, combien ne sont pas du tout pris en charge': {
    locale: 'fr-FR',
    turns: [
      {
        say: "on migre d'OCS 2007 R2 vers LS2013, quels clients faut il remplacer ?",
        first: /^À remplacer pour Lync Server 2013 : /,
        has: [/Passage d’Office Communications Server 2007 R2/],
      },
      { say: 'combien ne sont pas du tout supportés ?', first: /^3 clients sont non pris en charge sur Lync Server 2013/ },
    ],
  },
  'what to use instead, right after a client that is not supported': {
    turns: [
      { say: 'lwa 2010 with ls2013?', first: /^No\b/ },
      { say: 'what should we use instead?', first: /Lync Web App 2013/ },
    ],
  },
  'an Exchange answer, then the same asked of Exchange 2010': {
    turns: [
      { say: 'what do we get integrating LS2013 with Exchange 2013?', first: /^Integrating Lync Server 2013 with Exchange Server 2013/ },
      { say: 'does that work with exchange 2010?', first: /^No\b/, has: [/require Lync Server 2013 and Exchange 2013/] },
    ],
  },
  'le magasin de contacts unifié pour des utilisateurs sur un pool Lync Server 2010': {
    locale: 'fr-FR',
    turns: [
      {
        say: "le UCS c'est dispo pour des users sur un pool LS2010 ?",
        first: /^Non\b/,
        has: [/pas disponible pour les utilisateurs hébergés sur Lync Server 2010/],
      },
    ],
  },
  'a topic named by its term when the classifier is unsure of another': {
    turns: [{ say: 'what is UCS exactly?', first: /^The unified contact store keeps users’ contacts in Exchange 2013/ }],
  },
  'la CAL suffisait-elle, puis la même question pour un autre fournisseur': {
    locale: 'fr-FR',
    turns: [
      { say: "et la CAL suffisait pour fédérer avec AOL a l'epoque ?", first: /^Oui\b/ },
      { say: 'et pour yahoo ?', first: /^Non\b/, has: [/PIC USL|User Subscription License/] },
    ],
  },
  'scheduling meetings from OWA, then the same with OWA 2010': {
    turns: [
      { say: 'can users schedule lync meetings from OWA?', first: /^Yes\b/ },
      { say: 'on OWA 2010?', first: /^No\b/ },
    ],
  },
  'a topic answer that does not name the server role asked about is declined for that role': {
    turns: [
      { say: 'which port does lync IM use?', first: /5061/ },
      { say: 'and which ports for the edge external interface?', first: /^I can't answer that: .* does not say it of edge/ },
    ],
  },
  'after a decline about another server, the same client on one the sources cover': {
    turns: [
      {
        say: 'does skype for business server 2015 support the lync 2010 client?',
        first: /^I can't answer that: I don't know skype for business/,
      },
      { say: 'ok what about LS2013 then?', first: /^Yes\b/, has: [/Lync 2010 is supported on Lync Server 2013/] },
    ],
  },
  'a question of when is not answered with a verdict': {
    turns: [{ say: 'when can I decommission the 2010 group chat server?', first: /^(?!No\b|Yes\b)/ }],
  },
  'a server named beside words the matrix does not answer: the topic they are about': {
    turns: [
      { say: 'which editions of lync server 2013 are there', first: /Standard Edition/ },
      { say: 'voice mail for lync server 2013 - what provides it', first: /Unified Messaging/ },
      { say: 'what clients can connect to lync server 2013', first: /Lync 2013/ },
    ],
  },
  'a client name with a kind or a version it does not have names no client the sources know': {
    turns: [
      { say: 'is the lync 2013 attendant supported on lync server 2013?', first: /^I can't answer that: I don't know lync 2013 attendant/ },
      { say: 'does the lync 2013 attendee work with lync server 2013?', first: /^I can't answer that: I don't know lync 2013 attendee/ },
      { say: 'is live meeting 2005 supported on ocs 2007 r2?', first: /^I can't answer that: I don't know live meeting 2005/ },
      { say: 'is the lync 2010 attendant supported on lync server 2013?', first: /^Yes\b/ },
      { say: 'is live meeting 2007 supported on ocs 2007 r2?', first: /^Yes\b/ },
    ],
  },
  'how those users join meetings, after a client that works for IM and presence only': {
    turns: [
      { say: 'OC 2007 R2 with LS2013?', first: /^Partly\b/ },
      { say: 'so how do those users join LS2013 meetings?', first: /Lync Web App 2013/ },
    ],
  },
  'les « conf », des réunions': {
    locale: 'fr-FR',
    turns: [
      { say: 'OC 2007 R2 sur LS2013 ça donne quoi ?', first: /^Partiellement\b/ },
      { say: 'ils peuvent rejoindre les conf LS2013 ?', first: /^Non\b/ },
    ],
  },
  'pourquoi pas sur un des serveurs de la réponse : ses raisons': {
    locale: 'fr-FR',
    turns: [
      { say: 'quels clients sont supportés sur les 3 versions serveur ?', first: /^Aucun client/ },
      { say: 'pourquoi pas complètement sur LS2013 ?', first: /conférence|réunion/ },
    ],
  },
  'a client not supported where one of its kind is: which to use instead, after the verdict': {
    turns: [
      { say: 'is lwa 2010 supported on lync server 2013?', first: /^No\b/, has: [/use Lync Web App 2013 instead of Lync Web App 2010/] },
      { say: 'is lync 2013 supported on ocs 2007 r2?', first: /^No\b/, has: [/^(?![\s\S]*instead)/] },
    ],
  },
  'demander la commande après une réponse sur les points de terminaison n’est pas une commande de rappel': {
    locale: 'fr-FR',
    turns: [
      { say: 'il faut combien de points de terminaison persistent chat ?', first: /point de terminaison/ },
      { say: 'donne moi un exemple de la commande', first: /^(?!Je ne peux pas)/, has: [/New-CsPersistentChatEndpoint/] },
    ],
  },
  'a licence asked about in addition to another: the first named': {
    locale: 'fr-FR',
    turns: [
      { say: 'Pour AOL il fallait une licence PIC USL en plus des CAL ?', first: /^Non\b/, has: [/PIC USL|User Subscription License/] },
    ],
  },
  'after a topic, a client and a server together ask the matrix': {
    turns: [
      { say: 'what is the unified contact store?', first: /unified contact store/ },
      { say: 'and Live Meeting 2007 on 2013?', first: /^No\b/, has: [/Office Live Meeting 2007 is not supported on Lync Server 2013/] },
    ],
  },
  'a word on the same subject keeps the provider: licensing, then whether it still runs': {
    turns: [
      { say: 'what did Yahoo federation give us?', first: /Yahoo!/ },
      { say: 'licensing?', first: /^Yahoo!: /, has: [/PIC USL|User Subscription License/] },
      { say: 'and is it still running?', first: /^No\b/, has: [/30 June 2014/] },
    ],
  },
  'a claim settles what its statement says in other words, never a thing it does not name': {
    turns: [
      { say: 'Can Lync 2010 clients display the high-res photos once we store them in Exchange 2013?', first: /^No\b/ },
      { say: 'photos haute def : lync 2010 peut les afficher ?', first: /^Non\b/ },
      { say: 'can lync 2013 show high res photos stored in sharepoint my sites', first: /^(?!Yes\b|No\b)/ },
    ],
  },
  'the question in the last sentence, and a noun phrase asking for a thing': {
    turns: [
      { say: 'we federate with a lot of Messenger contacts. When were they moved to Skype?', first: /April 2013/ },
      { say: 'taille max des photos HD dans lync 2013 avec exchange ?', first: /648/ },
    ],
  },
  'a kind, then the client name it belongs to, is one client': {
    turns: [{ say: 'group chat client from lync 2010 on OCS 2007 R2?', first: /^Not applicable\b/ }],
  },
  'the server named by a bare version is kept while the bot asks for the client': {
    turns: [
      { say: 'is it supported on 2010?', first: /^Which client do you mean\?/ },
      { say: 'LWA 2013', first: /^No\b/, has: [/Lync Web App 2013 is not supported on Lync Server 2010/] },
    ],
  },
  'which of those are not on a server: among those listed, the others': {
    turns: [
      { say: 'which clients work with ocs 2007 r2?', first: /^On Office Communications Server 2007 R2, supported/ },
      { say: 'which of those are not on 2013?', first: /^Of those, not fully supported on Lync Server 2013: Office Communicator 2007 R2/ },
    ],
  },
  'which providers have a feature, then another feature alone': {
    turns: [
      { say: 'which providers do audio?', first: /^Federation offers audio with Skype and Windows Live Messenger/ },
      { say: 'and video?', first: /^Federation offers video with Windows Live Messenger \(1 of the 4/ },
    ],
  },
  'lesquels font une fonctionnalité, puis une autre seule': {
    locale: 'fr-FR',
    turns: [
      { say: 'quels fournisseurs PIC ?', first: /4 fournisseurs/ },
      { say: "lesquels font l'audio ?", first: /audio avec Skype et Windows Live Messenger/ },
      { say: 'et la vidéo ?', first: /vidéo avec Windows Live Messenger/ },
    ],
  },
  'the thing counted is not the word asking for a maximum': {
    turns: [{ say: 'how many pixels max for contact photos?', first: /648×648 pixels/ }],
  },
  'licences past those named: which providers need more, then buying it': {
    turns: [
      {
        say: 'do we need anything beyond CALs for AOL federation?',
        first: /^No\./,
        has: [/Federation with AOL needs nothing beyond the Lync Server Client Access License/],
      },
      { say: 'which providers need more than the CAL?', first: /^Yahoo! needs the PIC User Subscription License/ },
      { say: 'can I buy it today?', first: /^No\./, has: [/2012/] },
      { say: 'quels fournisseurs demandent une licence en plus de la CAL ?', first: /^Yahoo! exige la PIC User Subscription License/ },
    ],
  },
  'a plan answers its question first: a count, a verdict, then follow-ups within it': {
    turns: [
      {
        say: 'we are moving from OCS 2007 R2 to LS2013 and still run communicator 2007 R2, live meeting 2007 and the OCS attendant. how many must we replace?',
        first:
          /^2 of the 3 clients must be replaced for Lync Server 2013: Office Live Meeting 2007 and Office Communications Server 2007 R2 Attendant/,
      },
      {
        say: 'and the attendant?',
        first: /^No\./,
        has: [/On Lync Server 2013, use Lync 2010 Attendant instead of Office Communications Server 2007 R2 Attendant/],
      },
      { say: 'what do we use instead for meetings?', first: /^For meetings on Lync Server 2013, use Lync Web App 2013/ },
      {
        say: 'do we need to replace live meeting 2007 when going to LS2013?',
        first: /^Yes: Office Live Meeting 2007 must be replaced for Lync Server 2013/,
      },
      {
        say: 'LS2010 -> LS2013, clients: lync 2010, lync 2010 attendant, LWA 2010, lync 2010 attendee. which ones keep working?',
        first: /^Still working on Lync Server 2013: Lync 2010 and Lync 2010 Attendant\./,
        has: [/Moving from Lync Server 2010/],
      },
      {
        say: 'how many need replacing?',
        first: /^2 clients are not supported on Lync Server 2013: Lync Web App 2010 and Lync 2010 Attendee/,
      },
    ],
  },
  'counts among the clients a question names; which clients stop working': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'on a 3 clients OCS : OC 2007, live meeting 2007, intendant OCS 2007 R2. combien a remplacer pour LS2013',
        first: /^3 clients sont non pris en charge sur Lync Server 2013/,
      },
      {
        say: 'quels clients lync 2010 ne marcheront plus sur LS2013 ?',
        // (Each under its own status: Group Chat does not apply there, it is not "not supported".)
        first:
          /^Pas entièrement pris en charge sur Lync Server 2013 : non pris en charge : Lync Web App 2010 et Lync 2010 Attendee ; non applicable : Lync 2010 Group Chat\./,
      },
    ],
  },
  'a server named before the question opens sets the scene': {
    turns: [
      { say: "we're on OCS 2007 R2, is the OCS attendant ok on LS2013?", first: /^No\./, has: [/not supported on Lync Server 2013/] },
      {
        say: 'OCS 2007 R2 shop with OC 2007 R2, OC 2007, live meeting 2007 and the ocs attendant. how many of them are not supported at all on LS2013?',
        first:
          /^3 clients are not supported on Lync Server 2013: Office Communicator 2007, Office Live Meeting 2007 and Office Communications Server 2007 R2 Attendant/,
      },
      { say: 'is lync 2010 supported on LS2013 and on LS2010?', first: /^Yes\./, has: [/Lync Server 2013/, /Lync Server 2010/] },
    ],
  },
  'a yes/no follow-up in its own words after a replacement; a candidate picked by a server in its name': {
    locale: 'fr-FR',
    turns: [
      { say: 'lync web app 2013 remplace quoi exactement ?', first: /^Lync Web App 2013 remplace/ },
      { say: 'et elle marche avec LS2010 ?', first: /^Non\./, has: [/Lync Web App 2013 n’est pas pris en charge sur Lync Server 2010/] },
      { say: 'et le LWA 2010 sur LS2013 ?', first: /^Non\./, has: [/Lync Web App 2010 n’est pas pris en charge sur Lync Server 2013/] },
      { say: "l'intendant est ok sur 2013 ?", first: /^(Quel|Lequel)/ },
      {
        say: "celui d'OCS 2007 R2",
        first: /^Non\./,
        has: [/Office Communications Server 2007 R2 Attendant n’est pas pris en charge sur Lync Server 2013/],
      },
    ],
  },
  '"on both" after two questions about one server each; "what about X?" after a yes/no on a topic': {
    turns: [
      { say: 'how many clients does LS2013 support?', first: /^4 clients are supported on Lync Server 2013/ },
      { say: 'and LS2010?', first: /^10 clients are supported on Lync Server 2010/ },
      {
        say: 'which ones are on both?',
        first: /^(Of those, s|S)upported on Lync Server 2013 and Lync Server 2010: Lync 2013, Lync 2010 and Lync 2010 Attendant/,
      },
      { say: 'can two lync users IM each other if the IMMCU is not available?', first: /^No\./ },
      { say: 'what about multiparty IM?', first: /^No\./, has: [/multiparty IM/] },
      {
        say: 'and when does lync server 2013 itself go end of life?',
        first: /^I can't answer that/,
        has: [/no dates for Lync Server 2013/],
      },
    ],
  },
  'a version of a named product the sources never give is declined; a server compared with a bare version': {
    turns: [
      { say: 'does the unified contact store work with outlook 2010?', first: /^I can't answer that/, has: [/outlook 2010/] },
      { say: 'does UCS work with Exchange 2010?', first: /^No\./ },
      { say: 'and exchange 2019?', first: /^I can't answer that/, has: [/exchange 2019/] },
      {
        say: 'which clients work on LS2013 but not on 2010?',
        first: /^Supported on Lync Server 2013 but not on Lync Server 2010: Lync Web App 2013/,
      },
    ],
  },
  'answers to "which one do you mean?": both, the newer, the older': {
    turns: [
      { say: 'does the attendant work on LS2013?', first: /^Which one do you mean/ },
      {
        say: 'both',
        first: /^Partly: Lync 2010 Attendant is supported on Lync Server 2013; Office Communications Server 2007 R2 Attendant is not/,
      },
      { say: 'is communicator ok on LS2013?', first: /^Which one do you mean/ },
      { say: 'the older one', first: /^No\./, has: [/Office Communicator 2007 is not supported on Lync Server 2013/] },
      { say: "l'intendant est supporté sur LS2013 ?", first: /^Lequel voulez-vous dire/ },
      { say: 'le plus récent', first: /^Oui\./, has: [/Lync 2010 Attendant est pris en charge sur Lync Server 2013/] },
    ],
  },
  'licences asked as people ask: what licence, just CALs, only CALs, until an expiry': {
    turns: [
      {
        say: 'what licence do I need for skype federation with lync online?',
        first: /^Licensing for Skype: Lync Server Client Access Licenses \(CALs\), or Lync Online Plan 1, 2 or 3/,
      },
      { say: 'can I federate with yahoo with just CALs?', first: /^No\./, has: [/alone is not enough for federation with Yahoo!/] },
      {
        say: 'which providers can I federate with using only CALs?',
        first: /^The Lync Server Client Access License \(CAL\) alone is enough for federation with Skype, Windows Live Messenger and AOL/,
      },
      {
        say: 'our PIC USL expires in March 2014, until when can we federate with yahoo?',
        first: /^Until March 2014: federation with Yahoo! lasts until the licence expires or the service ends \(30 June 2014\)/,
      },
    ],
  },
  '"how does …?" asks how; a word that is only part of a name elsewhere ("online") is no name': {
    turns: [
      { say: 'how does presence update from the outlook calendar?', first: /^Lync presence shows in Outlook/, hasNot: [/^Yes\b/] },
      { say: 'can we schedule online meetings from OWA with exchange 2010?', first: /^No\./ },
    ],
  },
  'a client named beside a topic\'s words; "features available with …?" asks which': {
    turns: [
      { say: 'lync 2013 photos where are they stored?', first: /648×648 pixels, stored in Exchange/ },
      { say: 'so where does lync 2010 work?', first: /^Lync 2010 is supported on Lync Server 2013 and Lync Server 2010/ },
      {
        say: 'give me the group chat 2010 -> pchat 2013 cutover steps',
        first: /^To migrate Lync Server 2010 Group Chat to Lync Server 2013 Persistent Chat/,
      },
    ],
  },
  'two providers side by side': {
    turns: [
      {
        say: 'AOL vs Yahoo! federation: any difference in features or licensing?',
        first: /^Same federated features: AOL and Yahoo! each offer IM and presence/,
        has: [/Their licensing differs/, /PIC USL/],
      },
      {
        say: 'skype vs WLM?',
        first: /^The federated features differ: Skype: IM, presence and audio; Windows Live Messenger: IM, presence, audio and video/,
      },
    ],
  },
  '"how do I …?" gets a procedure, and no verdict': {
    turns: [
      {
        say: 'how do I get my old group chat clients talking to LS2013 persistent chat?',
        first: /New‑?-?CsPersistentChatEndpoint|New.CsPersistentChatEndpoint/,
      },
      { say: 'do I need one per pool?', first: /^Yes\./, has: [/one Persistent Chat endpoint for each Persistent Chat pool/] },
      { say: 'how does the IMMCU work?', first: /^(?!Yes\b|No\b)/ },
    ],
  },
  'agreements past the end of PIC, and the sentences behind a licence answer': {
    turns: [
      { say: 'our PIC USL expires in march 2014. how long can we federate with yahoo?', first: /^Until March 2014/ },
      {
        say: 'and if the agreement ran until 2016?',
        first: /^Customers with PIC licences on agreements extending past 30 June 2014 receive a pro-rated credit/,
      },
      { say: 'how is the credit calculated?', first: /pro-rated credit for the payments covering the period after that date/ },
      { say: 'since when can you not buy PIC USL', first: /not been sold since 1 September 2012/ },
      { say: 'how long ago is that?', first: /14 years ago/ },
      {
        say: 'is that only new agreements or renewals too?',
        first: /^Since 1 September 2012, the PIC USL can no longer be bought for new or renewing agreements/,
      },
      { say: 'what happened to customers whose agreements ran past june 2014?', first: /pro-rated credit/ },
      // (An agreement as the setting of a licence question is the licence's.)
      { say: 'our agreement ends in 2016, can we still buy the PIC USL?', first: /^No\./, has: [/can no longer be bought/] },
      { say: 'does the CAL in our 2015 agreement cover yahoo?', first: /^No\./, has: [/alone is not enough for federation with Yahoo!/] },
    ],
  },
  '"which ones?" after a count, "lesquels non ?" after a verdict on several clients': {
    turns: [
      { say: 'how many clients does LS2013 support', first: /^4 clients are supported on Lync Server 2013/ },
      { say: 'which ones?', first: /Lync 2013, Lync Web App 2013, Lync 2010 and Lync 2010 Attendant/ },
      { say: 'tous les clients lync 2010 sont supportes sur 2013?', first: /^Non, pas tous/ },
      {
        say: 'lesquels non ?',
        first:
          /^Parmi eux, pas entièrement pris en charge sur Lync Server 2013 : Lync 2010 Group Chat, Lync Web App 2010 et Lync 2010 Attendee/,
      },
    ],
  },
  'after a plan: what replaces those that do not keep working, how many, which': {
    turns: [
      {
        say: 'LS2010 -> LS2013, clients: lync 2010, lync 2010 attendant, LWA 2010, lync 2010 attendee. which ones keep working?',
        first: /^Still working on Lync Server 2013: Lync 2010 and Lync 2010 Attendant\./,
        has: [/Moving from Lync Server 2010 to Lync Server 2013/],
      },
      {
        say: "and those that don't, what do we replace them with?",
        first: /^On Lync Server 2013, use Lync Web App 2013 instead of Lync Web App 2010/,
        has: [/Lync Web App 2013 replaces Lync 2010 Attendee/],
      },
      { say: 'how many need replacing?', first: /^2 clients are not supported on Lync Server 2013/ },
      {
        say: 'on est sur OCS 2007 R2 avec OC 2007, OC 2007 R2, live meeting 2007 et l intendant. on passe LS2013. combien de clients on doit remplacer completement ?',
        first: /^3 clients sur 4 sont à remplacer/,
      },
      { say: 'lesquels ?', first: /^Office Communicator 2007, Office Live Meeting 2007 et Office Communications Server 2007 R2 Attendant/ },
    ],
  },
  'a plan listing clients with commas and a kind ("participant"), then which, then with what': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'on passe de LS2010 a LS2013 avec lync 2010, lwa 2010, participant et intendant lync 2010. combien de types de clients a remplacer ?',
        first: /^2 clients sur 4 sont à remplacer pour Lync Server 2013 : Lync Web App 2010 et Lync 2010 Attendee/,
      },
      { say: 'lesquels ?', first: /^Lync Web App 2010 et Lync 2010 Attendee/ },
      {
        say: 'par quoi ?',
        first: /^Sur Lync Server 2013, utilisez Lync Web App 2013 à la place de Lync Web App 2010/,
        has: [/Lync Web App 2013 remplace Lync 2010 Attendee/],
      },
    ],
  },
  "why a provider's federation stopped, after its features": {
    locale: 'fr-FR',
    turns: [
      { say: 'quelles fonctionnalites avec AOL en federation', first: /AOL/ },
      { say: 'et la voix ?', first: /^Non\./ },
      {
        say: 'pourquoi ca s est arrete ?',
        first: /^La capacité de Microsoft à fournir ce service dépendait du soutien de Yahoo! et d’AOL/,
      },
    ],
  },
  'the Group Chat migration: when a step comes, with users online, and legacy clients without a compound verdict': {
    turns: [
      {
        say: 'when can I decommission the 2010 group chat server?',
        first: /^Step 9: Later, decommission Lync Server 2010 Group Chat/,
        has: [/It comes right after — Step 8/],
      },
      { say: 'can I migrate group chat with users online?', first: /^No\./, has: [/users are usually offline/] },
      { say: 'do users lose their chat rooms in the migration?', first: /^(?!Yes\b)/ },
    ],
  },
  '"which attendant works on …?" lists the one of that kind that works there, in a conversation too': {
    turns: [
      { say: 'which attendant is supported on LS2013?', first: /^On Lync Server 2013, the one that works is Lync 2010 Attendant/ },
      { say: "we're on OCS 2007 R2, is the OCS attendant ok on LS2013?", first: /^No\./ },
      { say: 'so which attendant do we run on 2013', first: /^On Lync Server 2013, the one that works is Lync 2010 Attendant/ },
      // (The attendant just named: the conversation decides.)
      { say: 'is the attendant ok on LS2013?', first: /^Yes\./, has: [/Lync 2010 Attendant is supported on Lync Server 2013/] },
    ],
  },
  'a plan asked whether the clients keep working, in French infinitives': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'passage de LS2010 à LS2013 : nos clients lync 2010 et lwa 2010 continuent de marcher ?',
        first: /^En partie : seul Lync 2010 continue de fonctionner pleinement sur Lync Server 2013/,
      },
    ],
  },
  'the order of two steps of a procedure': {
    turns: [
      {
        say: 'Should we delete the well-known user before or after creating the legacy endpoint?',
        first: /^Before: .*step 5 comes before step 6/,
        has: [/Step 5: Delete the well-known user/],
      },
      {
        say: 'do we start the persistent chat servers before migrating the data?',
        first: /^No, the other way round: .*step 4 comes before step 7/,
      },
      { say: 'faut il supprimer le user connu avant de creer le endpoint herite ?', first: /^Oui : .*l’étape 5 vient avant l’étape 6/ },
      // (Not a step of another subject's procedure, nor a yes or no to "before or after".)
      { say: 'can we deploy lync 2013 before upgrading the servers to LS2013?', hasNot: [/step \d/], first: /^Yes\./ },
      { say: 'is archiving configured before or after exchange integration?', first: /^(?!Yes\b|No\b)/ },
    ],
  },
  'a yes/no read from the clause of a sentence that answers it': {
    turns: [
      // (The sentence says "…, but it is not available to users homed on Lync Server 2010": the clause asked about is affirmative.)
      { say: 'can we keep our lync contacts in exchange 2013?', first: /^Yes\./, has: [/unified contact store/] },
      { say: 'after the migration, do group chat users have to change their client settings?', first: /^No\./ },
    ],
  },
  'supported on one server but not the other, whichever comes first; earlier client versions': {
    turns: [
      {
        say: 'how many clients are not supported on LS2013 but are supported on LS2010?',
        first: /^5 clients are supported on Lync Server 2010 but not on Lync Server 2013: Lync Web App 2010, /,
        // (Not supported is that status: Office Communicator 2007 R2 works there for IM and presence.)
        hasNot: [/Communicator 2007 R2/],
      },
      {
        say: 'clients pris en charge sur LS2013 mais pas sur OCS 2007 R2 ?',
        first: /^Pris en charge sur Lync Server 2013 mais pas sur Office Communications Server 2007 R2 : Lync 2013, /,
      },
      {
        say: 'is there any client supported on ocs 2007 r2 but not on ls2010?',
        first: /^No: no client is supported on Office Communications Server 2007 R2 but not on Lync Server 2010\./,
      },
      {
        say: 'how many earlier client versions does lync server 2013 support?',
        first: /^2 clients are supported on Lync Server 2013: Lync 2010 and Lync 2010 Attendant\./,
      },
      {
        say: 'nb de versions antérieures de clients prises en charge par LS2013 ?',
        first: /^2 clients sont pris en charge sur Lync Server 2013/,
      },
    ],
  },
  'what a move asks: a need to change, trouble, a "when" clause before the question': {
    turns: [
      // (Clients in use — "we have" — are not what is asked to keep working: "do we need to upgrade them?" asks what must change.)
      {
        say: 'ls2010 to ls2013 move, we have lync 2010 and the lync 2010 attendant. do we need to upgrade them?',
        first: /^No: nothing must be replaced for Lync Server 2013\./,
      },
      // ("To replace Lync 2010": the client replaced, not the server moved from.)
      { say: 'moving to ls2013, do we need to replace lync 2010?', first: /^No: nothing must be replaced for Lync Server 2013\./ },
      {
        say: 'we have OC 2007 on OCS 2007 R2 and move to LS2013, do the users need a new client?',
        first: /^Yes: Office Communicator 2007 must be replaced for Lync Server 2013\./,
      },
      {
        say: 'servers go from ls2010 to ls2013, we keep lync 2013 on the desktops. any client issue?',
        first: /^No problem: Lync 2013 is supported on Lync Server 2013\./,
      },
      {
        say: 'when we move to LS2013, will the OCS attendant still work?',
        first: /^No\./,
        has: [/Office Communications Server 2007 R2 Attendant is not supported on Lync Server 2013\./],
      },
    ],
  },
  'a feature alone after a client on a server, then its users': {
    turns: [
      { say: 'is oc 2007 r2 ok for IM on ls2013?', first: /^Yes\./ },
      // (Not the Exchange topic the classifier leans to: that client, there, for conferencing.)
      { say: 'and conferencing?', first: /^No\./, has: [/Office Communicator 2007 R2 does not support meetings with Lync Server 2013/] },
      {
        say: 'what about the OC 2007 (not R2) guys',
        first: /^No\./,
        has: [/Office Communicator 2007 is not supported on Lync Server 2013/],
      },
    ],
  },
  'the ones that do not, after those that do': {
    turns: [
      { say: 'which clients work on ls2013?', first: /^On Lync Server 2013, supported:/ },
      // (Not "those listed that don't": the list was of those that work, so the others of the matrix.)
      {
        say: "which ones don't?",
        first: /^The other clients of the matrix are not supported on Lync Server 2013: Lync Web App 2010, /,
        has: [/Office Communicator 2007 R2 works on Lync Server 2013 for IM and presence only/, /Lync 2010 Group Chat does not apply/],
      },
    ],
  },
  'the ones that do not, among those the question named': {
    turns: [
      {
        say: 'we run lync 2010, oc 2007 and lync 2013. which of those work on ls2013?',
        first: /^Of those, supported on Lync Server 2013: Lync 2010 and Lync 2013\./,
      },
      { say: "which of those don't?", first: /^Of those, not fully supported on Lync Server 2013: Office Communicator 2007\./ },
    ],
  },
  'a plan asked as what has to go, then how many': {
    turns: [
      {
        say: 'moving from OCS 2007 R2 to LS2013. clients in use: OC 2007 R2, OC 2007, live meeting 2007, OCS R2 attendant. what has to go?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013: IM and presence only: 1; to replace: 3\./],
      },
      {
        say: 'how many is that',
        first: /^That makes 3: Office Communicator 2007, Office Live Meeting 2007 and Office Communications Server 2007 R2 Attendant\./,
      },
    ],
  },
  'a thing asked for that another topic gives (a SIP address, a cmdlet)': {
    turns: [
      // (The endpoint's topic says what it is, not which address it gets: the migration's sentence gives it.)
      {
        say: 'which sip uri do i give the legacy endpoint',
        first: /^The legacy endpoint gets the same SIP URI as the well-known user you deleted/,
      },
      {
        say: 'migration group chat 2010 vers persistent chat 2013 : la commande pour le legacy endpoint ?',
        first: /./,
        has: [/New.CsPersistentChatEndpoint/],
      },
    ],
  },
  'a cmdlet the sources do not give, asked in a conversation on another subject': {
    turns: [
      { say: 'is the unified contact store available to users homed on lync server 2010?', first: /^No\./ },
      // (Not the Persistent Chat endpoint's cmdlet: a bare "which cmdlet?" stays on its subject.)
      { say: 'comment on l active ? quelle cmdlet ?', first: /^Je ne peux pas répondre/ },
    ],
  },
  'a move of Group Chat to Persistent Chat is its procedure, not a plan of clients': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'migration group chat LS2010 vers pchat 2013, c quoi les étapes',
        first: /^Pour migrer Lync Server 2010 Group Chat vers Lync Server 2013 Persistent Chat/,
      },
    ],
  },
  'renewing a licence is buying it; a renewal as the setting is not': {
    turns: [
      { say: 'can we renew our PIC USL?', first: /^No\./, has: [/can no longer be bought/] },
      {
        say: 'renewing our licence agreement. we federate with yahoo and skype, what do we need',
        first: /^(?!No\b)/,
        has: [/Yahoo/, /CAL/],
      },
    ],
  },
  'how many years since, and when something moved': {
    turns: [
      {
        say: 'how many years since skype connectivity went public?',
        first: /^Lync–Skype connectivity became publicly available in May 2013, 13 years ago\./,
      },
    ],
  },
  'quand Messenger a basculé': {
    locale: 'fr-FR',
    turns: [{ say: 'messenger migre vers skype c etait quand ?', first: /avril 2013/ }],
  },
  'the documented server is named by its name without a version; another server is not': {
    turns: [
      { say: 'is multiparty IM supported in LS2013', first: /^Yes\b/ },
      {
        say: 'is multiparty IM supported in LS2010',
        first: /^I can't answer that: the documentation I answer from does not say it of Lync Server 2010\./,
      },
    ],
  },
  'a question opening with a need asks whether, plural or not': {
    locale: 'fr-FR',
    turns: [{ say: 'faut reconfigurer les clients group chat ?', first: /^Non\./ }],
  },
  'the plan kept through a question on one of its clients, then counted': {
    turns: [
      {
        say: 'we are moving from OCS 2007 R2 to LS2013 and still run communicator 2007 R2, live meeting 2007 and the OCS attendant. what must we replace?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013: IM and presence only: 1; to replace: 2\./],
      },
      { say: 'and the attendant?', first: /^No\./ },
      // (Among the plan's three, not the one asked about last, nor the whole matrix.)
      {
        say: 'so how many of those 3 clients are unsupported on 2013?',
        first:
          /^2 clients are not supported on Lync Server 2013: Office Live Meeting 2007 and Office Communications Server 2007 R2 Attendant\./,
      },
      { say: 'so how many clients need replacing in total', first: /^2 clients are not supported on Lync Server 2013/ },
    ],
  },
  'a client on a server role the matrix does not cover': {
    turns: [
      {
        say: 'is lync 2010 supported on ls2013 edge servers?',
        first: /^I can't answer that: the documentation I answer from does not say it of edge servers\./,
      },
      // (The matrix's servers are where clients register: their Front End.)
      { say: 'is lync 2010 supported on the ls2013 front end?', first: /^Yes\./ },
      {
        say: 'is lync 2010 supported on ls2013 through the reverse proxy?',
        first: /^I can't answer that: the documentation I answer from does not say it of reverse proxy\./,
      },
    ],
  },
  'a claim about one edition does not settle a question about the other': {
    turns: [
      // (The sources say Standard Edition is for organisations not needing high availability, not that Enterprise Edition lacks it.)
      {
        say: 'does enterprise edition support high availability?',
        first: /^(?!No\b)/,
        has: [/Enterprise Edition is meant mainly for large organisations/],
      },
      { say: 'does standard edition support high availability?', first: /^No\./ },
    ],
  },
  'Exchange is not needed to run Lync, however the question names it': {
    turns: [
      { say: 'do we need exchange 2013 for lync 2013 to work?', first: /^No\./ },
      { say: 'do we need exchange 2013 for the unified contact store?', first: /^Yes\./ },
    ],
  },
  'abbreviations in capitals': {
    locale: 'fr-FR',
    turns: [
      { say: 'la SE supporte la voix entreprise ?', first: /^Oui\./ },
      { say: 'la SE assure la HA ?', first: /^Non\./ },
    ],
  },
  'counts on two servers named together, and of the status whose features are named alone': {
    turns: [
      {
        say: 'how many clients work on ls2013 and ls2010?',
        first: /^3 clients are supported on Lync Server 2013 and Lync Server 2010: Lync 2013, Lync 2010 and Lync 2010 Attendant\./,
      },
      {
        say: 'how many clients only work for IM and presence on LS2013?',
        first: /^1 client is interoperable on Lync Server 2013: Office Communicator 2007 R2\./,
      },
      // (One feature of the two is not that status: Lync 2010 does IM there, fully supported.)
      { say: 'is lync 2010 ok on ls2013 just for IM?', first: /^Yes\./ },
    ],
  },
  'a move with no server to move from: asked back, then planned from the reply': {
    turns: [
      { say: 'migrating to LS2013, is there anything we must replace?', first: /^Moving to Lync Server 2013 from which server\?/ },
      {
        say: 'ocs 2007 r2',
        first:
          /^Yes: Office Communications Server 2007 R2 Attendant, Office Communicator 2007 and Office Live Meeting 2007 must be replaced for Lync Server 2013\./,
      },
    ],
  },
  'an agreement past the end of PIC, asked whether: the credit, verdict first': {
    turns: [
      {
        say: 'our EA with PIC licenses runs to 2015. do we get anything back for the time after june 30 2014?',
        first: /^Yes: customers with PIC licences on agreements extending past 30 June 2014 receive a pro-rated credit/,
      },
      {
        say: 'our yahoo PIC agreement ran to 2016, did we lose the money for the period after june 2014?',
        first: /^No: customers with PIC licences/,
      },
    ],
  },
  'losing a feature is asked the other way round': {
    turns: [
      {
        say: 'do OC 2007 R2 users lose presence on ls2013?',
        first: /^No\./,
        has: [/Office Communicator 2007 R2 keeps presence with Lync Server 2013/],
      },
      { say: 'do OC 2007 R2 users lose meetings on ls2013?', first: /^Yes\./, has: [/does not support meetings with Lync Server 2013/] },
      { say: 'does lync 2010 lose anything on ls2013?', first: /^No problem: Lync 2010 is supported on Lync Server 2013\./ },
    ],
  },
  'a federated feature asked with a licence: the provider’s features, unless the licence is what is needed': {
    locale: 'fr-FR',
    turns: [
      { say: 'lync online plan 3 inclut la vidéo avec skype ?', first: /^Non\./, has: [/n’inclut pas vidéo/] },
      { say: 'faut-il une PIC USL pour la MI avec yahoo ?', first: /^Oui\./, has: [/PIC USL/] },
    ],
  },
  'providers by the features they offer and lack, and whether any offers one': {
    turns: [
      {
        say: 'which providers have audio?',
        first: /^Federation offers audio with Skype and Windows Live Messenger \(2 of the 4 providers\)\./,
      },
      {
        say: 'which providers offer IM but not audio?',
        first: /^Federation offers IM but not audio with AOL and Yahoo! \(2 of the 4 providers\)\./,
      },
      { say: 'providers without audio?', first: /^Federation does not offer audio with AOL and Yahoo! \(2 of the 4 providers\)\./ },
      {
        say: 'does any provider offer video?',
        first: /^Yes: federation offers video with Windows Live Messenger \(1 of the 4 providers\)\./,
      },
    ],
  },
  'un fournisseur et une fonctionnalité': {
    locale: 'fr-FR',
    turns: [
      { say: 'un fournisseur fait la vidéo ?', first: /^Oui : la fédération offre vidéo avec Windows Live Messenger/ },
      { say: "fournisseurs qui ont la messagerie instantanée et la présence mais pas l'audio", first: /AOL et Yahoo!/ },
    ],
  },
  'a clause that allows only fewer than asked, and a claim whose verdict is another clause’s': {
    turns: [
      // (The claim "Administrators can create several endpoints …" is a Yes; the clause that answers is "only one pool".)
      { say: 'can a legacy client connect to two pools?', first: /^No\./, has: [/only one pool at a time/] },
      { say: 'can admins create several endpoints?', first: /^Yes\./ },
    ],
  },
  'a choice between two words is no yes/no question': {
    turns: [
      { say: 'is the well-known user deleted or kept?', first: /^(?!Yes|No)/, has: [/delete the Group Chat well-known user/] },
      { say: 'is lync 2010 supported on ls2013, yes or no?', first: /^Yes\./ },
    ],
  },
  'whether federation ended, and its end date asked as a noun': {
    turns: [
      { say: 'did yahoo federation end?', first: /^Yes\./, has: [/ended on 30 June 2014/] },
      { say: 'AOL federation end date?', first: /^PIC federation with AOL ended on 30 June 2014/ },
    ],
  },
  'what to use after a client that is not supported': {
    turns: [
      { say: 'is the lync 2010 attendee supported on ls2013?', first: /^No\./ },
      { say: 'what should they use?', first: /^Lync Web App 2013 replaces Lync 2010 Attendee\./ },
    ],
  },
  'the meetings of a server named like a client': {
    turns: [
      { say: 'can OC 2007 R2 users join lync 2013 meetings?', first: /^No\./, has: [/does not support meetings with Lync Server 2013/] },
    ],
  },
  'a bare version with its age, after a client on a server': {
    turns: [
      { say: 'is lync 2010 ok on ocs 2007 r2?', first: /^No\./ },
      { say: 'and on the new 2013?', first: /^Yes\./, has: [/Lync 2010 is supported on Lync Server 2013\./] },
    ],
  },
  "c'est quoi: a question word after the opener asks what": {
    locale: 'fr-FR',
    turns: [
      {
        say: "c'est quoi le point de terminaison hérité ?",
        first: /^Le point de terminaison hérité de Persistent Chat est un simple URI SIP/,
      },
      { say: 'les clients lync 2013 l’utilisent ?', first: /^Non\./ },
    ],
  },
  'which server a named thing of the knowledge runs on': {
    turns: [{ say: 'which server runs the IMMCU?', first: /Front End Server/ }],
  },
  'why a client has a status, no server named: the one server where it has it': {
    locale: 'fr-FR',
    turns: [
      {
        say: "pourquoi OC 2007 R2 n'est que partiellement supporté ?",
        first: /^Partiellement\./,
        has: [/Lync Server 2013/, /fonctionnalités de conférence/],
      },
    ],
  },
  'a procedure by position: step N, the first and the last, the next and the one before, in both languages': {
    turns: [
      // ("First" is where the work starts: step 1 only says where things stand.)
      {
        say: "what's the first step of the group chat to persistent chat migration?",
        first: /^Step 2 of 9 of .*Install a Lync Server 2013 Persistent Chat Server/,
      },
      { say: 'and then?', first: /^After step 2, step 3: .*disable Lync Server 2010 Group Chat/ },
      { say: 'and before that?', first: /^Before step 3, step 2: Install/ },
      { say: 'step 12?', first: /has 9 steps, not 12/ },
      { say: 'what do I do once the data is migrated?', first: /^After step 4, step 5: Delete the well-known user/ },
      { say: 'is deleting the well-known user the last step?', first: /^No: it is step 5 of 9; .* ends with step 9\./ },
      { say: 'do we start the persistent chat servers first?', first: /^No: it is step 7 of 9; .* starts with step 2\./ },
    ],
  },
  'a part of a procedure by position: the cutover window, named in the question or before it': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'bascule GC -> PC ce week-end. 1ere etape ?',
        first: /^Étape 1 sur 5 de la période hors connexion \(étape 3 de /,
        has: [/désactivez Lync Server 2010 Group Chat/],
      },
      { say: 'et juste apres ?', first: /^Après l’étape 3, l’étape 4 : .*migrez les données/ },
      // ("C'est quoi" after a comma asks what, not whether.)
      {
        say: 'on migre GC 2010 vers PC 2013, c est quoi la premiere etape pendant le week-end ?',
        first: /^Étape 1 sur 5 de la période hors connexion/,
        has: [/désactivez Lync Server 2010 Group Chat/],
      },
      { say: 'derniere etape ?', first: /^Étape 5 sur 5 de la période hors connexion .*Démarrez les serveurs/ },
      // (The whole procedure named by its title: its step 4, not the window's.)
      { say: 'quelle est la 4e étape de la migration group chat ?', first: /^Étape 4 sur 9 de « Migrer Lync Server 2010 Group Chat/ },
    ],
  },
  "a procedure's steps counted, a part of it asked when, and a step compared with the one asked before": {
    turns: [
      {
        say: 'how many tasks are in the offline window of the GC to PC migration?',
        first: /^5 steps: steps 3 to 7 of .* are done in the offline window\./,
      },
      { say: 'how many steps in the group chat migration?', first: /^9 steps in / },
      { say: 'what happens to the well known user in the GC migration', first: /well-known user/ },
      { say: 'before or after the data migration?', first: /^After: in .*, step 4 comes before step 5\./ },
      {
        say: 'what comes right after creating the legacy endpoint in the GC migration?',
        first: /^After step 6, step 7: Start the Lync Server 2013 Persistent Chat servers/,
      },
    ],
  },
  'la bascule, quand, et combien d’étapes dans cette fenêtre': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'a quel moment on fait la bascule GC -> PC ?',
        first: /^Les étapes 3 à 7 de .* se font pendant la période hors connexion\./,
        has: [/week-end/],
      },
      { say: 'combien d’étapes en tout dans cette fenêtre ?', first: /^5 étapes/ },
      {
        say: 'quelle etape juste avant la creation du point de terminaison herite ?',
        first: /^Avant l’étape 6, l’étape 5 : Supprimez l’utilisateur connu/,
      },
    ],
  },
  'a product asked with one version is not settled by a statement naming it with another': {
    locale: 'fr-FR',
    turns: [
      { say: 'messagerie vocale exchange 2013 UM avec le client lync 2010, ca marche ?', first: /^(?!Oui|Non)/ },
      // (A claim written for that version still settles it.)
      { say: 'on a exchange 2010, est ce qu’on peut avoir les photos haute resolution avec LS2013 ?', first: /^Non\b/ },
    ],
  },
  'a kind of client counted, in the matrix or on a server, and "un chiffre" is a number, not encryption': {
    turns: [
      {
        say: 'how many attendants are there?',
        first: /^The support matrix lists 2 of them: Lync 2010 Attendant and Office Communications Server 2007 R2 Attendant\./,
      },
      { say: 'how many attendant consoles work on LS2013?', first: /^1 client is supported on Lync Server 2013: Lync 2010 Attendant\./ },
    ],
  },
  'clients supported on one server alone, listed, counted or asked whether any': {
    turns: [
      {
        say: 'which clients only work on LS2010?',
        first: /^3 clients are supported only on Lync Server 2010: Lync 2010 Group Chat, Lync Web App 2010 and Lync 2010 Attendee\./,
      },
      { say: 'any client supported only on LS2013?', first: /^Yes: 1 client is supported only on Lync Server 2013: Lync Web App 2013\./ },
    ],
  },
  'combien, pour le manager': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'combien de clients pris en charge par LS2013 ? (le manager veut un chiffre)',
        first: /^4 clients sont pris en charge sur Lync Server 2013/,
      },
    ],
  },
  'a version a claim is written for is known (Exchange 2007), one no source names is not (Outlook 2010, Exchange 2019)': {
    turns: [
      { say: 'does UCS work with exchange 2007?', first: /^No\./, has: [/requires Exchange 2013/] },
      { say: 'does the UCS work with outlook 2010?', first: /^I can't answer that: I don't know outlook 2010/ },
      { say: 'and Exchange 2019?', first: /^I can't answer that: I don't know Exchange 2019/ },
    ],
  },
  'a message of several sentences: the scene, then the question asked in the last one': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'on a migré le group chat la semaine dernière. certains utilisateurs ont toujours le client group chat 2010. ils doivent reconfigurer quelque chose ?',
        first: /^Non\./,
        has: [/sans rien changer à la configuration/],
      },
    ],
  },
  'products that only set the scene leave the question to its topic': {
    turns: [
      {
        say: "helpdesk here. a user on lync 2010 says she can't see the new high res photos of her colleagues. we're on LS2013 with exchange 2013. is that expected?",
        first: /^(?!Yes\. Lync 2010 is supported)/,
        has: [/Lync 2013 shows these high-resolution photos, but Lync 2010 cannot/],
      },
    ],
  },
  'a word of emphasis after "quand" keeps a date question': {
    locale: 'fr-FR',
    turns: [
      { say: "federation AOL lync, ca s'est arrete quand exactement ?", first: /^La fédération PIC avec AOL a pris fin le 30 juin 2014/ },
    ],
  },
  'a move told in the sentence before a question on the target server sets the scene': {
    turns: [
      {
        say: 'We are migrating from OCS 2007 R2 to Lync Server 2013. Which clients are supported on Lync Server 2013?',
        first: /^On Lync Server 2013, supported: Lync 2013, Lync Web App 2013, Lync 2010 and Lync 2010 Attendant/,
      },
      {
        say: 'is the lync 2013 client compatible w/ an OCS 2007 R2 pool? planning a phased rollout',
        first: /^No\./,
        has: [/Lync 2013 is not supported on Office Communications Server 2007 R2/],
      },
      // (Asked of the move itself, it is still a plan.)
      {
        say: 'we are moving from OCS 2007 R2 to LS2013 and still run Communicator 2007 and Live Meeting 2007. what do we need to replace?',
        first: /^To replace for Lync Server 2013: /,
        has: [/Moving from Office Communications Server 2007 R2 to Lync Server 2013: to replace: 2\./],
      },
    ],
  },
  'a claim said once, and a size written 648x648': {
    turns: [
      // (Once: not again as the topic's answer after it.)
      { say: 'can we schedule lync meetings from OWA 2013?', first: /^Yes\./, lacks: [/Yes: when Lync Server 2013/] },
    ],
  },
  'une taille écrite 648x648': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'est-ce que les utilisateurs lync 2010 peuvent voir les photos 648x648 ?',
        first: /^Non\./,
        has: [/ne peut pas afficher les photos haute résolution/],
      },
      // (The claim's sentence once, not again among the details: the reply's text and its card say it, no more.)
      { say: "la présence s'affiche dans excel ?", first: /^Oui\./, lacks: [/(notamment Outlook, SharePoint, Word et Excel[\s\S]*){3}/] },
    ],
  },
  'first within the part of a procedure asked about, with no question word; "after X, can we …?" asks whether': {
    locale: 'fr-FR',
    turns: [
      {
        say: 'pendant la bascule je demarre les serveurs PC 2013 en premier ?',
        first: /^Non : c’est l’étape 7 sur 9 ; « la période hors connexion » commence par l’étape 3\./,
      },
      { say: 'apres la migration du pool GC on peut ajouter des pools PC plus tard ?', first: /^(?!Étape|L’étape)/ },
    ],
  },
  '"office" is a word, "OCS" names the server': {
    turns: [
      {
        say: 'is presence only shown in lync or also in office apps?',
        first: /^(?!I can't answer that: the documentation I answer from does not say it of Office Communications Server)/,
        has: [/Outlook, SharePoint, Word and Excel/],
      },
      { say: 'is lync 2010 ok on ocs?', first: /^No\./ },
    ],
  },
  'a part of the sentence that sets the scene, the documented server, and a condition that does not': {
    turns: [
      {
        say: 'consultant question: on a lync server 2013 standard edition, is the IMMCU on the front end or a separate box?',
        first: /^No\./,
        has: [/not a separate server: it is a Front End Server component/],
      },
      { say: 'so if the FE is down, can two users still IM each other?', first: /^No\./ },
    ],
  },
  'a count with a status counted in too, and none said as none': {
    turns: [
      {
        say: 'how many of the clients in the doc can connect to a lync server 2013 pool, counting the ones that only do IM and presence?',
        first: /^5 clients work on Lync Server 2013 \(4 supported, 1 interoperable\)/,
      },
      { say: 'how many clients in the matrix work with LS2013 if we count OC 2007 R2 too?', first: /^5 clients work on Lync Server 2013/ },
      {
        say: 'we still have communicator 2007 r2, live meeting 2007 and the ocs attendant. how many of those work on LS2013?',
        first: /^No client \(0\) is supported on Lync Server 2013\./,
        has: [/Office Communicator 2007 R2 works on Lync Server 2013 for IM and presence only/],
      },
    ],
  },
  'a follow-up the sentences do not place goes to the topic the classifier reads; the question after its scene': {
    turns: [
      { say: "we're planning exchange 2013 integration. what do we actually get out of it?", first: /adds four new features/ },
      { say: 'and what are the prerequisites?', first: /^The new integration features require both Lync Server 2013 and Exchange 2013/ },
      {
        say: 'the helpdesk keeps getting asked about voicemail. who provides voice mail for lync 2013 users?',
        first: /^Exchange Server 2013 Unified Messaging \(UM\) can also provide voice mail/,
      },
    ],
  },
  'words that only place a product do not count against a claim': {
    turns: [
      {
        say: 'our users have the lync 2010 group chat client. will it work against the new LS2013 persistent chat pool?',
        first: /^Yes\./,
        has: [/Lync 2010 Group Chat clients can still connect to Lync Server 2013 Persistent Chat Server/],
      },
    ],
  },
  'a "when" clause before a yes/no question asks whether; "when do …?" asks when': {
    turns: [
      {
        say: 'we have ~200 OC 2007 users left on OCS R2. when they move to LS2013 do they need a new client',
        first: /^Yes: Office Communicator 2007 must be replaced/,
      },
      {
        say: 'when migrating group chat, when do i start the LS2013 persistent chat servers? first or last?',
        first: /^(?!Yes|No)/,
        has: [/Start the Lync Server 2013 Persistent Chat servers/],
      },
    ],
  },
  'a loss asked of a claim not written for one is answered the other way round': {
    turns: [
      {
        say: "we're a 200 user shop, planning one standard edition server. do we lose any workload compared to enterprise edition?",
        first: /^No\./,
        has: [/Both Standard Edition and Enterprise Edition support all Lync Server workloads/],
      },
    ],
  },
  'a feature named only in the sentence setting the scene is not what "them" is asked of': {
    turns: [
      {
        say: 'our users used to chat with Windows Live Messenger contacts. what happened to them?',
        first: /^(?!Federation offers)/,
        has: [/migrated to Skype/],
      },
    ],
  },
  'a feature alone after a provider feature yes/no asks the same of that provider': {
    turns: [
      { say: 'does AOL federation include audio?', first: /^No\./, has: [/Federation with AOL does not include audio/] },
      { say: 'and video?', first: /^No\./, has: [/Federation with AOL does not include video/] },
      { say: 'does skype federation include video?', first: /^No\./ },
      { say: 'and audio?', first: /^Yes\./, has: [/Federation with Skype includes audio/] },
    ],
  },
  '"not supported" without a status: each client under its own status, and "the first one" is the first said': {
    turns: [
      {
        say: 'which clients are not supported on LS2013?',
        first: /^Not fully supported on Lync Server 2013: not supported: Lync Web App 2010, /,
        has: [/; not applicable: Lync 2010 Group Chat; interoperable: Office Communicator 2007 R2\./],
      },
      { say: 'the first one works on 2010?', first: /^Yes\./, has: [/Lync Web App 2010 is supported on Lync Server 2010/] },
    ],
  },
  'of two offered, "the other one" after one was picked': {
    locale: 'fr-FR',
    turns: [
      { say: "l'intendant marche sur LS2013 ?", first: /^Lequel voulez-vous dire/ },
      { say: 'celui de 2010', first: /^Oui\./ },
      {
        say: "et l'autre ?",
        first: /^Non\./,
        has: [/Office Communications Server 2007 R2 Attendant n’est pas pris en charge sur Lync Server 2013/],
      },
    ],
  },
  'the thing counted is the plural a verb follows': {
    turns: [{ say: 'how many new features come with exchange 2013 integration, and which?', first: /adds four new features/ }],
  },
  'a move between two servers no word gives roles to goes to the newer one': {
    turns: [
      {
        say: 'we have lync server 2013 and lync server 2010 pools. do group chat 2010 users need to reconfigure after the migration?',
        first: /^(?!.*for Lync Server 2010\.)/,
        lacks: [/Moving from Lync Server 2013 to Lync Server 2010/],
      },
    ],
  },
  '"first" outside a procedure is no step: servers before clients': {
    turns: [
      {
        say: 'can we deploy the lync 2013 client before we upgrade our lync server 2010 servers, or do servers have to go first?',
        first: /^(?!Step \d)/,
      },
    ],
  },
  'which clients on both, then why': {
    turns: [
      { say: 'which clients work on both ocs 2007 r2 and lync server 2013?', first: /^No client is fully supported/, hasNot: [/^No\./] },
      { say: 'why?', first: /Communicator 2007 R2/, has: [/IM|presence/] },
    ],
  },
};

describe('conversations, turn by turn (reasoning over the knowledge, context, declines)', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  before(async () => {
    // (Answers counted against today — "13 years ago", "still works today" — are read on a fixed day.)
    bot = await startBot({}, { now: () => new Date('2026-12-01T12:00:00Z') });
  });
  after(async () => bot.stop());

  for (const [name, conversation] of Object.entries(CONVERSATIONS)) {
    it(name, async () => {
      const id = `conv-${name.replace(/\W+/g, '-')}`;
      for (const turn of conversation.turns) {
        const before = bot.connector.inConversation(id).length;
        assert.equal(
          await post(
            bot.botUrl,
            emulatorMessage(turn.say, { serviceUrl: bot.serviceUrl, conversationId: id, locale: conversation.locale ?? 'en-US' }),
          ),
          200,
        );
        const reply = bot.connector.inConversation(id)[before] ?? {};
        const text = visibleText(reply);
        const first = firstSentence(typeof reply.text === 'string' ? reply.text : text);
        assert.match(first, turn.first, `“${turn.say}” → ${text.slice(0, 300)}`);
        for (const re of turn.has ?? []) assert.match(text, re, `“${turn.say}” → ${text.slice(0, 300)}`);
        for (const re of turn.hasNot ?? []) assert.doesNotMatch(first, re, `“${turn.say}” → ${text.slice(0, 300)}`);
        for (const re of turn.lacks ?? []) assert.doesNotMatch(text, re, `“${turn.say}” → ${text.slice(0, 300)}`);
      }
    });
  }
});
