import { strict as assert } from 'node:assert';
import { ConversationState, MessageFactory, TestAdapter, type Storage, type StoreItems } from 'botbuilder';
import { Dialog, DialogSet, TextPrompt, WaterfallDialog, type WaterfallStep } from 'botbuilder-dialogs';

/**
 * botbuilder's own storage conformance cases (`StorageBaseTests` in botbuilder-js,
 * libraries/botbuilder-core/tests/storageBaseTests.js; not shipped in the npm packages), ported to
 * TypeScript with the branches for MemoryStorage's behaviour. Each takes a fresh-enough storage (keys are
 * distinct per case) and throws on the first difference. The cases, by their botbuilder names:
 */
export const STORAGE_CONFORMANCE: Record<string, (storage: Storage) => Promise<void>> = {
  async returnEmptyObjectWhenReadingUnknownKey(storage) {
    const result = await storage.read(['unknown']);
    assert.notEqual(result, null);
    assert.equal(Object.keys(result).length, 0);
  },

  async handleNullKeysWhenReading(storage) {
    await assert.rejects(storage.read(null as unknown as string[]), new ReferenceError('Keys are required when reading.'));
  },

  async handleNullKeysWhenWriting(storage) {
    await assert.rejects(storage.write(null as unknown as StoreItems), new ReferenceError('Changes are required when writing.'));
  },

  async doesNotThrowWhenWritingNoItems(storage) {
    await storage.write({});
  },

  async createObject(storage) {
    const storeItems = { createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } };
    await storage.write(storeItems);
    const read = await storage.read(Object.keys(storeItems));
    assert.equal(read.createPoco?.id, 1);
    assert.equal(read.createPocoStoreItem?.id, 2);
    assert.equal(typeof read.createPoco?.eTag, 'string');
    assert.equal(typeof read.createPocoStoreItem?.eTag, 'string');
  },

  async handleCrazyKeys(storage) {
    const key = '!@#$%^&*()~/\\><,.?\';"`~';
    await storage.write({ [key]: { id: 1 } });
    const read = await storage.read([key]);
    assert.equal(read[key]?.id, 1);
  },

  async updateObject(storage) {
    await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
    const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    const pocoItem = loaded.pocoItem;
    delete pocoItem.eTag; // an item without an eTag: written unconditionally
    const pocoStoreItem = loaded.pocoStoreItem;
    assert.equal(typeof pocoStoreItem.eTag, 'string');

    pocoItem.count++;
    pocoStoreItem.count++;
    await storage.write(loaded);
    const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    assert.equal(typeof reloaded.pocoItem?.eTag, 'string');
    assert.notEqual(reloaded.pocoStoreItem?.eTag, pocoStoreItem.eTag, 'a write gives a new eTag');
    assert.equal(reloaded.pocoItem?.count, 2);
    assert.equal(reloaded.pocoStoreItem?.count, 2);

    pocoItem.count = 123;
    await storage.write({ pocoItem }); // still no eTag: wins
    pocoStoreItem.count = 123;
    await assert.rejects(storage.write({ pocoStoreItem }), 'a stale eTag loses');
    const afterStale = await storage.read(['pocoItem', 'pocoStoreItem']);
    assert.equal(afterStale.pocoItem?.count, 123);
    assert.equal(afterStale.pocoStoreItem?.count, 2);

    const wildcard = {
      pocoItem: { ...afterStale.pocoItem, count: 100 },
      pocoStoreItem: { ...afterStale.pocoStoreItem, count: 100, eTag: '*' },
    };
    delete wildcard.pocoItem.eTag;
    await storage.write(wildcard);
    const final = await storage.read(['pocoItem', 'pocoStoreItem']);
    assert.equal(final.pocoItem?.count, 100);
    assert.equal(final.pocoStoreItem?.count, 100);
  },

  async deleteObject(storage) {
    await storage.write({ delete1: { id: 1, count: 1 } });
    const read = await storage.read(['delete1']);
    assert.equal(typeof read.delete1?.eTag, 'string');
    assert.equal(read.delete1?.count, 1);
    await storage.delete(['delete1']);
    assert.equal((await storage.read(['delete1'])).delete1, undefined);
  },

  async deleteUnknownObject(storage) {
    await storage.delete(['unknown_key']);
  },

  async performBatchOperations(storage) {
    await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
    const read = await storage.read(['batch1', 'batch2', 'batch3']);
    assert.deepEqual([read.batch1?.count, read.batch2?.count, read.batch3?.count], [10, 20, 30]);
    for (const key of ['batch1', 'batch2', 'batch3']) assert.equal(typeof read[key]?.eTag, 'string');
    await storage.delete(['batch1', 'batch2', 'batch3']);
    assert.deepEqual(await storage.read(['batch1', 'batch2', 'batch3']), {});
  },

  async proceedsThroughWaterfall(storage) {
    await runWaterfall([storage]);
  },
};

/**
 * botbuilder's `proceedsThroughWaterfall`: a waterfall with a re-prompting text prompt, its dialog state
 * saved by ConversationState after every turn. With several storages, turn N reads and writes through
 * `storages[N % length]`, as if each turn reached a different replica.
 */
export async function runWaterfall(storages: Storage[]): Promise<void> {
  const replicas = storages.map((storage) => {
    const conversationState = new ConversationState(storage);
    const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    dialogs.add(
      new TextPrompt('textPrompt', async (prompt) => {
        if ((prompt.recognized.value ?? '').length > 3) {
          await prompt.context.sendActivity(MessageFactory.text(`You got it at the ${prompt.attemptCount}th try!`));
          return true;
        }
        await prompt.context.sendActivity(
          MessageFactory.text(`Please send a name that is longer than 3 characters. ${prompt.attemptCount}`),
        );
        return false;
      }),
    );
    const steps: WaterfallStep[] = [
      async (step) => {
        await step.context.sendActivity('step1');
        return Dialog.EndOfTurn;
      },
      async (step) => step.prompt('textPrompt', { prompt: MessageFactory.text('Please type your name.') }),
      async (step) => {
        await step.context.sendActivity('step3');
        return Dialog.EndOfTurn;
      },
    ];
    dialogs.add(new WaterfallDialog('waterfallDialog', steps));
    return { conversationState, dialogs };
  });
  let turn = 0;
  const adapter = new TestAdapter(async (context) => {
    const replica = replicas[turn++ % replicas.length];
    if (!replica) throw new Error('no storage');
    const dc = await replica.dialogs.createContext(context);
    await dc.continueDialog();
    if (!context.responded) await dc.beginDialog('waterfallDialog');
    await replica.conversationState.saveChanges(context);
  });
  await adapter
    .send('hello')
    .assertReply('step1')
    .send('hello')
    .assertReply('Please type your name.')
    .send('hi')
    .assertReply('Please send a name that is longer than 3 characters. 1')
    .send('hi')
    .assertReply('Please send a name that is longer than 3 characters. 2')
    .send('hi')
    .assertReply('Please send a name that is longer than 3 characters. 3')
    .send('Kyle')
    .assertReply('You got it at the 4th try!')
    .assertReply('step3')
    .startTest();
}
