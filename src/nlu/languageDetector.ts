import type { Lang } from '../knowledge/schema';
import { fold } from './normalize';

// Function words and frequent question words; product names are the same in both languages and count
// for neither. Accent-free forms, since messages are folded before the look-up.
const ENGLISH = new Set(('the a an is are was were be been what which when where who why how does do did can could '
  + 'will would should with on of for and or to my our we i it its this that these those there any about tell me show '
  + 'need still use used using users user please hi hello hey thanks thank you help supported support work works '
  + 'working between from after before ended end ends date federate federation list all each get set up than not no yes '
  + 'run running upgrade migrate much many whats isnt doesnt cant dont does have has into only also just way same').split(' '));
const FRENCH = new Set(('le la les l un une des du de d est sont etait quel quelle quels quelles quand comment avec sur '
  + 'pour et ou mon ma mes notre nos je j il elle ils on nous vous ce cet cette ces qui que qu quoi pourquoi combien '
  + 'pris prise charge fonctionne fonctionnent peut peuvent puis peux faut dois doit doivent pas ne n y a t au aux en '
  + 'dans par bonjour salut merci aide fin serveur serveurs utilisateurs utilisateur migrer migration toujours encore '
  + 'entre apres avant date donne moi montre affiche liste tous toutes quelle fait faire ai avez avons sa son ses leur '
  + 'leurs meme aussi seulement compatibles depuis jusqu lorsque quand comme si plus moins tableau prend prendre').split(' '));
const ACCENTED = /[àâäçéèêëîïôöùûüÿœ]/i;

/**
 * Decides whether a message is English or French from its function words (accented letters count for
 * French). Ties, such as a bare product name, keep the conversation's language. `folded` is `fold(text)`,
 * when the caller has it already.
 */
export function detectLanguage(text: string, fallback: Lang = 'en', folded = fold(text)): Lang {
  let en = 0;
  let fr = ACCENTED.test(text) ? 2 : 0;
  for (const word of folded.split(' ')) {
    if (ENGLISH.has(word)) en++;
    if (FRENCH.has(word)) fr++;
  }
  if (en === fr) return fallback;
  return fr > en ? 'fr' : 'en';
}
