// @ts-check
/*
 * The half of the card browser that runs inside the headless page, not in Node: it parses, validates
 * and renders one card with the official adaptivecards renderer and reports every issue the library
 * logs. Plain JavaScript because the project's tsconfig has no DOM lib (adding one would let `window`
 * and `document` type-check everywhere in src/). cardBrowser.ts loads it with page.addScriptTag after
 * adaptivecards.min.js and markdown-it's UMD bundle, and calls `window.cardPage`.
 */
(() => {
  /** @typedef {typeof import('adaptivecards')} AdaptiveCardsModule */
  /** @typedef {{ render(text: string): string }} MarkdownIt */
  /** @typedef {{ AdaptiveCards: AdaptiveCardsModule; markdownit: (options?: object) => MarkdownIt; cardPage?: unknown }} PageGlobals */
  const page = /** @type {PageGlobals} */ (/** @type {unknown} */ (window));
  const AC = page.AdaptiveCards;

  // Keys that are not in an object's property schema yet are valid: the library parses child
  // collections by hand, `fallback` and templating keys apply to every element, `msteams` is Teams' own,
  // and Table's `firstRowAsHeader` is the schema's (and Teams') name where this renderer reads
  // `firstRowAsHeaders` (microsoft/AdaptiveCards#8599, MicrosoftDocs/msteams-docs#9241).
  const ANY_TYPE_KEYS = ['fallback', '$data', '$when'];
  /** @type {Record<string, string[]>} */
  const KEYS_BY_TYPE = {
    AdaptiveCard: ['$schema', 'body', 'actions', 'msteams'],
    Container: ['items'],
    Column: ['items'],
    TableCell: ['items'],
    ColumnSet: ['columns'],
    ActionSet: ['actions'],
    Table: ['rows', 'firstRowAsHeader'],
    TableRow: ['cells'],
    RichTextBlock: ['inlines'],
    'Action.ShowCard': ['card'],
  };

  /** @type {import('adaptivecards').HostConfig | undefined} */
  let hostConfig;

  /**
   * Sets the host config and markdown once per page. Teams renders bot cards at schema 1.5, so a card
   * declaring a newer version is reported by validateProperties (UnsupportedCardVersion).
   * @param {object} hostConfigJson
   */
  function init(hostConfigJson) {
    hostConfig = new AC.HostConfig(hostConfigJson);
    AC.SerializableObject.defaultMaxVersion = AC.Versions.v1_5;
    // The library validates `lang` with a /g regex, whose lastIndex survives a match: every other
    // valid `lang` would then be reported invalid. Each test starts from the beginning instead.
    const langPattern = AC.CardElement.langProperty.regEx;
    if (langPattern) {
      langPattern.exec = (text) => {
        langPattern.lastIndex = 0;
        return RegExp.prototype.exec.call(langPattern, text);
      };
    }
    // Teams never passes raw HTML through: with html off markdown-it escapes it (and refuses javascript: links).
    const md = page.markdownit({ html: false, linkify: false });
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = md.render(text);
      result.didProcess = true;
    };
  }

  /**
   * JSON paths ($.body[2].columns[0]) of every object in the card, keyed by identity, so that an
   * event on a parsed element can say where in the JSON it is.
   * @param {unknown} value
   * @param {string} path
   * @param {WeakMap<object, string>} paths
   */
  function indexPaths(value, path, paths) {
    if (!value || typeof value !== 'object') return;
    paths.set(value, path);
    if (Array.isArray(value)) value.forEach((v, i) => indexPaths(v, `${path}[${i}]`, paths));
    else for (const [k, v] of Object.entries(value)) indexPaths(v, `${path}.${k}`, paths);
  }

  /**
   * Parses, validates and renders one card into #card, replacing the previous one.
   * @param {Record<string, unknown>} json
   * @param {number} width
   * @returns {{ warnings: string[]; rendered: boolean; height: number }}
   */
  function render(json, width) {
    if (!hostConfig) throw new Error('cardPage.init was not called');
    const host = /** @type {HTMLElement} */ (document.getElementById('card'));
    host.replaceChildren();
    host.style.width = `${width}px`;

    /** @type {string[]} */
    const warnings = [];
    /** @type {WeakMap<object, string>} */
    const jsonPaths = new WeakMap();
    indexPaths(json, '$', jsonPaths);
    /** @type {Map<object, string>} parsed object -> JSON path */
    const objectPaths = new Map();
    /** @param {object | undefined} o */
    const where = (o) => {
      const path = o && objectPaths.get(o);
      const type = o && 'getJsonTypeName' in o && typeof o.getJsonTypeName === 'function' ? o.getJsonTypeName() : undefined;
      return path ? ` (${type ? `${type} at ` : ''}${path})` : type ? ` (${type})` : '';
    };
    /**
     * Unknown keys are dropped silently by the library and by Teams, so a misspelt property would
     * never show; the schema of the parsed object lists every key it understands, whatever version.
     * @param {import('adaptivecards').CardObject} o
     * @param {Record<string, unknown>} source
     */
    const checkKeys = (o, source) => {
      const path = jsonPaths.get(source);
      if (path) objectPaths.set(o, path);
      const type = o.getJsonTypeName();
      const known = new Set([...ANY_TYPE_KEYS, ...(KEYS_BY_TYPE[type] ?? [])]);
      const schema = o.getSchema();
      for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
      for (const key of Object.keys(source)) {
        if (!known.has(key)) warnings.push(`Parse/UnknownProperty: "${key}" is not a property of ${type}${where(o)}`);
      }
    };

    const context = new AC.SerializationContext(AC.Versions.v1_5);
    context.onParseElement = (element, source) => checkKeys(element, source);
    context.onParseAction = (action, source) => checkKeys(action, source);

    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    /** @type {HTMLElement | undefined} */
    let element;
    try {
      card.parse(json, context);
      checkKeys(card, json);
      // The library quietly assumes 1.0 when `version` is missing; Teams wants it stated.
      if (!('version' in json)) warnings.push(`Parse/PropertyCantBeNull: the card has no "version"${where(card)}`);
      /** @param {import('adaptivecards').IValidationEvent} e */
      const describe = (e) => `${AC.ValidationPhase[e.phase]}/${AC.ValidationEvent[e.event]}: ${e.message}${where(e.source)}`;
      for (let i = 0; i < context.eventCount; i++) warnings.push(describe(context.getEventAt(i)));
      for (const e of card.validateProperties().validationEvents) warnings.push(describe(e));
      element = card.render();
      if (element) host.appendChild(element);
    } catch (err) {
      warnings.push(`Exception: ${err instanceof Error ? err.message : String(err)}`);
    }
    const height = element ? element.getBoundingClientRect().height : 0;
    return { warnings, rendered: !!element && element.isConnected && height > 0, height };
  }

  /**
   * Whether a word that spans lines is broken only where prose may be: after the hyphen of a compound
   * ("week-|end", "prend-|il", "High-|resolution"). A break after "New-" in a cmdlet (a capital follows)
   * or inside letters ("Interopé|rable") is not.
   * @param {Node} node
   * @param {number} start
   * @param {string} word
   * @param {Range} range
   */
  function onlyAtHyphens(node, start, word, range) {
    let previousTop;
    for (let i = 0; i < word.length; i++) {
      range.setStart(node, start + i);
      range.setEnd(node, start + i + 1);
      const rect = [...range.getClientRects()].find((r) => r.width > 0);
      if (!rect) continue;
      const top = Math.round(rect.top);
      if (previousTop !== undefined && top !== previousTop && !(word[i - 1] === '-' && /\p{Ll}/u.test(word[i] ?? ''))) return false;
      previousTop = top;
    }
    return true;
  }

  /**
   * What a person would find wrong with the card just rendered, at the width it was rendered at: a button
   * whose title is cut (Teams shows one line with an ellipsis), a word broken inside (between two lines:
   * "Interopé-rable", or a cmdlet at one of its hyphens), and content wider than the card or than the
   * element that clips it. Call after `settle()`, when fonts are in.
   * @returns {string[]}
   */
  function layoutProblems() {
    const host = /** @type {HTMLElement} */ (document.getElementById('card'));
    const root = host.firstElementChild;
    if (!(root instanceof HTMLElement)) return [];
    /** @type {string[]} */
    const problems = [];
    const short = (/** @type {string} */ t) => (t.length > 60 ? `${t.slice(0, 57)}…` : t);
    for (const button of root.querySelectorAll('.ac-pushButton')) {
      if (!(button instanceof HTMLElement)) continue;
      const clipped = [button, ...button.querySelectorAll('*')].some((e) => e instanceof HTMLElement && e.scrollWidth > e.clientWidth + 1);
      if (clipped) problems.push(`Layout/ClippedButton: "${short(button.innerText.trim())}" is cut`);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? '';
      for (const word of value.matchAll(/\S+/g)) {
        range.setStart(node, word.index ?? 0);
        range.setEnd(node, (word.index ?? 0) + word[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1 && !onlyAtHyphens(node, word.index ?? 0, word[0], range))
          problems.push(`Layout/BrokenWord: "${short(word[0])}" is broken across lines`);
      }
    }
    const cardRight = root.getBoundingClientRect().right;
    for (const element of root.querySelectorAll('*')) {
      if (!(element instanceof HTMLElement) || element.offsetParent === null) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && rect.right > cardRight + 1) {
        problems.push(
          `Layout/TooWide: <${element.tagName.toLowerCase()} class="${element.className}"> ends ${Math.round(rect.right - cardRight)}px beyond the card ("${short(element.innerText.trim())}")`,
        );
        break;
      }
      const style = getComputedStyle(element);
      if (
        (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
        element.scrollWidth > element.clientWidth + 1 &&
        !element.classList.contains('ac-pushButton')
      ) {
        problems.push(
          `Layout/Clipped: content of <${element.tagName.toLowerCase()} class="${element.className}"> is ${element.scrollWidth - element.clientWidth}px wider than it ("${element.innerText.trim() ? short(element.innerText.trim()) : element.outerHTML.slice(0, 600)}")`,
        );
      }
    }
    return [...new Set(problems)];
  }

  /**
   * Resolves once web fonts are in and a frame has been painted, so that screenshots and late console
   * messages belong to the card just rendered.
   * @returns {Promise<void>}
   */
  async function settle() {
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => done(undefined)));
  }

  page.cardPage = { init, render, settle, layoutProblems };
})();
