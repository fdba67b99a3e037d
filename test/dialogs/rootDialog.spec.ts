import { strict as assert } from 'node:assert';
import type { DialogTestClient } from 'botbuilder-testing';
import { rootDialogClient } from '../helpers/dialogs';
import { realKnowledge } from '../helpers/knowledge';

type Turn = [say: string, expect: RegExp, buttons?: RegExp];

/** Plays a conversation; each turn's first reply must match. */
async function play(client: DialogTestClient, turns: Turn[]): Promise<void> {
  for (const [say, expect, buttons] of turns) {
    const reply = await client.sendActivity(say);
    assert.ok(reply, `no reply to "${say}"`);
    assert.match(reply.text ?? '', expect, `reply to "${say}"`);
    if (buttons)
      assert.match(
        (reply.suggestedActions?.actions ?? []).map((a: { title?: string }) => a.title).join(' | '),
        buttons,
        `buttons after "${say}"`,
      );
  }
}

/** Buttons offering exactly these names, in this order (read from the knowledge base, not counted here). */
function exactly(names: string[]): RegExp {
  return new RegExp(`^${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' \\| ')}$`);
}

describe('RootDialog (router and subject dialogs, real knowledge base)', () => {
  const kb = realKnowledge();
  const servers = kb.servers.map((s) => s.name);
  const conversations: [name: string, turns: Turn[]][] = [
    [
      'answers a client on a server directly',
      [['is lync 2010 supported on lync server 2013', /^Yes\. Lync 2010 is supported on Lync Server 2013\./]],
    ],
    [
      'follows up on the server',
      [
        ['is lync 2010 supported on lync server 2013', /^Yes\./],
        ['and on OCS 2007 R2?', /^No\. Lync 2010 is not supported on Office Communications Server 2007 R2\./],
      ],
    ],
    [
      'follows up on the client',
      [
        ['is lync 2010 supported on lync server 2013', /^Yes\./],
        ['and Lync 2010 Attendee?', /^No\. Lync 2010 Attendee is not supported on Lync Server 2013\./],
      ],
    ],
    [
      'asks for the missing server, with the servers as buttons',
      [
        ['is Lync 2010 Attendee supported?', /Which server/, exactly([...servers, kb.message('all_servers', 'en')])],
        ['Lync Server 2010', /^Yes\. Lync 2010 Attendee is supported on Lync Server 2010\./],
      ],
    ],
    [
      'asks for the missing server of a yes/no question however it is put ("ok?", "est supporté ?")',
      [
        ['lync 2010 attendee ok?', /Which server/],
        ['2013', /^No\. Lync 2010 Attendee is not supported on Lync Server 2013\./],
      ],
    ],
    [
      'asks for the missing server of a client named by a generic name alone ("group chat client supported?")',
      [
        ['group chat client supported?', /Which server/],
        ['2010', /^Yes\. Lync 2010 Group Chat is supported on Lync Server 2010\./],
      ],
    ],
    [
      'asks for the server of clients to replace when none is named ("which clients do we need to replace?")',
      [
        ['Which clients do we need to replace?', /Which server/],
        ['Lync Server 2013', /Lync 2010 Attendee/],
      ],
    ],
    [
      'answers clients to replace for a server named: those not supported there',
      [
        [
          'which clients must be replaced for lync server 2013?',
          /^Not fully supported on Lync Server 2013: not supported: Lync Web App 2010/,
        ],
      ],
    ],
    [
      'after a column answered to "which server?", "which of those still work after we move?" is among its clients',
      [
        ['which clients are supported?', /Which server/],
        ['LS2010', /^On Lync Server 2010, supported: Lync 2013/],
        [
          'which of those still work after we move to 2013?',
          /^Still working on Lync Server 2013: Lync 2013, Lync 2010 and Lync 2010 Attendant\./,
        ],
      ],
    ],
    [
      'asks for the missing client',
      [
        ['is it supported on Lync Server 2013?', /Which client/, exactly(kb.clients.map((c) => c.name))],
        ['Office Communicator 2007', /^No\. Office Communicator 2007 is not supported on Lync Server 2013\./],
      ],
    ],
    [
      'offers all servers when asked which server',
      [
        ['is lync 2013 supported?', /Which server/],
        [
          'All servers',
          /^Lync 2013 is supported on Lync Server 2013 and Lync Server 2010; not supported on Office Communications Server 2007 R2\./,
        ],
      ],
    ],
    [
      'lets a new question interrupt a prompt',
      [
        ['is it supported on Lync Server 2013?', /Which client/],
        ['when did yahoo federation end?', /Yahoo! ended on 30 June 2014/],
      ],
    ],
    [
      're-asks when the reply names no client',
      [
        ['is it supported on Lync Server 2013?', /Which client/],
        ['hmm', /Which client/],
      ],
    ],
    [
      'answers in French and follows up in French',
      [
        ['Lync 2010 est-il pris en charge sur Lync Server 2013 ?', /^Oui\. Lync 2010 est pris en charge sur Lync Server 2013\./],
        ['et sur OCS 2007 R2 ?', /^Non\. Lync 2010 n’est pas pris en charge sur Office Communications Server 2007 R2\./],
      ],
    ],
    [
      'follows up on a provider',
      [
        ['when does yahoo federation end?', /Yahoo! ended on 30 June 2014, 12 years ago/],
        ['and Skype?', /no end-of-service date .*Skype/],
      ],
    ],
    [
      'answers a Persistent Chat question with the cmdlet',
      [['what is the syntax of New-CsPersistentChatEndpoint', /New-CsPersistentChatEndpoint/]],
    ],
    ['answers the port question', [['which port does IM use on the front end', /5061/]]],
    ['answers the photo size question', [['what size can photos be with exchange 2013', /648/]]],
    [
      'is honest about what it does not know',
      [
        ['what is the weather in Paris?', /I can't answer that/],
        ['is Zoom supported on Windows 11?', /I can't answer that|I don't know/],
      ],
    ],
    [
      'shows help with example questions as buttons',
      [['help', /Here is what you can ask/, /Is Lync 2010 supported on Lync Server 2013\?/]],
    ],
    ['forgets the conversation when asked, in English', [['forget me', /^Done: I have deleted what I kept about this conversation/]]],
    [
      'forgets the conversation when asked, in natural variants',
      [
        ['please delete all my data', /^Done: I have deleted/],
        ['can you erase everything you know about me?', /^Done: I have deleted/],
      ],
    ],
    [
      'forgets the conversation when asked, in French',
      [
        ['oublie-moi', /^C’est fait : j’ai supprimé ce que je gardais de cette conversation/],
        ['supprime mes données', /^C’est fait : j’ai supprimé/],
        ['effacez tout ce qui me concerne', /^C’est fait : j’ai supprimé/],
      ],
    ],
    [
      'does not forget on a mere guess (the required words are missing)',
      [
        ['do you store my data?', /^(?!Done)/],
        ['never mind, forget it', /^(?!Done)/],
        ['forget about yahoo', /^(?!Done)/],
        ['stop the reminders', /^(?!Done: I have deleted)/],
      ],
    ],
  ];

  for (const [name, turns] of conversations) {
    it(name, async () => play(rootDialogClient(), turns));
  }
});
