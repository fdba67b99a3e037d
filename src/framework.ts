/**
 * The parts of botbuilder the bot uses, each loaded from its own module. The packages' index files load
 * everything they offer (skills, streaming, the file transcript store, every prompt and choice
 * recognizer…): importing them costs about 250 ms and 35 MB at start-up for nothing the bot runs.
 * (botbuilder's prompts load the number and choice recognizers: dialogs/answerPrompt.ts replaces TextPrompt.)
 * Type-only imports from the package names are free and stay as they are elsewhere.
 */
export {
  ActionTypes,
  CallerIdConstants,
  CardFactory,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  StatusCodes,
  TurnContext,
  type Activity,
  type Attachment,
  type ConversationReference,
  type InvokeResponse,
  type Middleware,
  type StatePropertyAccessor,
  type Storage,
} from 'botbuilder-core';
export { CloudAdapter } from 'botbuilder/lib/cloudAdapter';
export { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
export { TeamsActivityHandler } from 'botbuilder/lib/teamsActivityHandler';
export { TeamsInfo } from 'botbuilder/lib/teamsInfo';
export { Dialog, DialogTurnStatus, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
