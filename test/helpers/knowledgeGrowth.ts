import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { editYaml } from './knowledge';

/**
 * A knowledge-only edit of the kind an administrator makes: one more client (a cell on every server) and
 * one more subject (a topics file and its training phrases). Used on copies of `knowledge/` to prove that
 * the bot and its tests take such an edit without any code change.
 */
export const GROWTH = {
  client: { id: 'contoso-softphone', name: 'Contoso Softphone 7' },
  intent: 'edge.external_access',
  /** Questions about the new client and subject, never trained on. */
  questions: {
    client: {
      en: 'is Contoso Softphone 7 supported on Lync Server 2013?',
      fr: 'Contoso Softphone 7 est-il pris en charge sur Lync Server 2013 ?',
    },
    subject: {
      en: 'how do remote users reach lync through the edge server?',
      fr: 'comment les utilisateurs distants passent-ils par le serveur edge ?',
    },
  },
} as const;

const SUPPORT_SOURCE = '000_d35094426f230cb5.txt';
const FRONT_END_SOURCE = '004_62191a53141df5f3.txt';

/** Adds the client and the subject of `GROWTH` to the knowledge folder `dir` (a copy). */
export function growKnowledge(dir: string): void {
  editYaml(dir, 'support-matrix.yaml', (d) => {
    d.clients.push({
      id: GROWTH.client.id,
      name: GROWTH.client.name,
      aliases: ['Contoso Softphone', 'Softphone 7', 'softphone Contoso 7'],
      source: SUPPORT_SOURCE,
    });
    // Supported on the first server, not on the others: whatever servers the knowledge base has.
    (d.servers as { id: string }[]).forEach((s, i) =>
      d.matrix.push({
        client: GROWTH.client.id,
        server: s.id,
        status: i === 0 ? 'supported' : 'not_supported',
        source: SUPPORT_SOURCE,
      }),
    );
  });
  writeFileSync(
    join(dir, 'edge.yaml'),
    stringify({
      subject: 'edge',
      title: { en: 'Edge Server', fr: 'Serveur Edge' },
      topics: [
        {
          intent: GROWTH.intent,
          source: FRONT_END_SOURCE,
          title: { en: 'External access through the Edge Server', fr: 'Accès externe par le serveur Edge' },
          answer: {
            en: 'Remote and federated users reach Lync Server 2013 through the Edge Server, which sits in the perimeter network.',
            fr: 'Les utilisateurs distants et fédérés accèdent à Lync Server 2013 par le serveur Edge, placé dans le réseau de périmètre.',
          },
        },
      ],
    }),
  );
  writeFileSync(
    join(dir, 'training', 'edge.yaml'),
    stringify({
      intents: [
        {
          intent: GROWTH.intent,
          utterances: {
            en: [
              'what does the edge server do',
              'how do external users connect to lync',
              'what is the role of the edge server',
              'do remote users need an edge server',
              'how does external access work',
              'edge server for users outside the company',
              'can people at home sign in without vpn',
              'what sits in the perimeter network',
              'how do we give remote access to lync users',
              'which server handles external access',
              'do we need an edge server for federation',
              'what is the edge role for',
              'how do users outside the network reach lync',
              'explain the edge server',
              'what is needed for external users to sign in',
              'where does the edge server go in the dmz',
            ],
            fr: [
              'à quoi sert le serveur edge',
              'comment les utilisateurs externes se connectent à lync',
              'quel est le rôle du serveur edge',
              'les utilisateurs distants ont-ils besoin d’un serveur edge',
              'comment fonctionne l’accès externe',
              'serveur edge pour les utilisateurs hors de l’entreprise',
              'peut-on se connecter depuis chez soi sans vpn',
              'que met-on dans le réseau de périmètre',
              'comment donner un accès distant aux utilisateurs lync',
              'quel serveur gère l’accès externe',
              'faut-il un serveur edge pour la fédération',
              'à quoi sert le rôle edge',
              'comment les utilisateurs hors du réseau accèdent à lync',
              'explique le serveur edge',
              'que faut-il pour que les utilisateurs externes se connectent',
              'où placer le serveur edge dans la dmz',
            ],
          },
          tests: {
            en: ['what is the edge server used for', 'can remote users connect without vpn'],
            fr: ['pourquoi un serveur edge', 'les utilisateurs distants peuvent-ils se connecter sans vpn'],
          },
        },
      ],
    }),
  );
}
