// Registers every catalogue the pane and the ribbon command show text from: our own (ui)
// and the engine's warnings/errors and output names, whichever modules this bundle loads
// (the engine itself runs in a worker, so its registrations do not happen here).
import { registerMessages } from '../i18n';
import { messages as engineMessages } from '../i18n/messages/engine';
import { messages as ingestMessages } from '../i18n/messages/ingest';
import { messages as officeMessages } from '../i18n/messages/office';
import { messages as outputMessages } from '../i18n/messages/output';
import { messages as uiMessages } from '../i18n/messages/ui';

for (const m of [engineMessages, ingestMessages, officeMessages, outputMessages, uiMessages]) registerMessages(m);
