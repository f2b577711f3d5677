'use client';

import type { ArticleFormValues } from '@/lib/newsroom/forms/article-form';

/**
 * The article form kept in the browser's IndexedDB at every keystroke, until the server has it: offered
 * back after a crash, a closed tab or a reload. IndexedDB rather than localStorage because a 'strict'
 * transaction is on disk when it completes, where Chromium writes localStorage out seconds later (a
 * killed browser would lose the last words typed).
 */
export interface LocalDraft {
  values: ArticleFormValues;
  /** The version the text was typed against: restoring it saves against that, so changes since conflict. */
  version: number;
  at: number;
  /**
   * A new article's form as its first save sent it: fields that differ in `values` were typed while that
   * save was on its way, and the article it makes offers them back.
   */
  sent?: ArticleFormValues;
}

const DATABASE = 'newsroom-drafts';
const STORE = 'drafts';

let opening: Promise<IDBDatabase> | null = null;
function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode, { durability: 'strict' });
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = transaction.onabort = () => reject(transaction.error);
  });
}

export const draftKey = (articleId: number | null) => `article:${articleId ?? 'new'}`;
export const keepDraft = (key: string, draft: LocalDraft) => run('readwrite', (store) => store.put(draft, key)).then(() => undefined);
export const readDraft = (key: string) => run<LocalDraft | undefined>('readonly', (store) => store.get(key));
export const dropDraft = (key: string) => run('readwrite', (store) => store.delete(key)).then(() => undefined);
