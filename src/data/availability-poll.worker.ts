/**
 * Module worker that runs the availability poll loop off the main thread (availability-poll-api.ts):
 * fetch, JSON parse, validation of every item, the diff against stored figures and the Dexie write all
 * happen here (Dexie's change events still reach the page's live queries).
 */
import { serveWorkerApi } from '../lib/worker-bridge.ts';
import { createPollApi } from './availability-poll-api.ts';

serveWorkerApi(createPollApi());
