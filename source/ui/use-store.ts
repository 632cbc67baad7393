// React reads the store's current snapshot; it re-renders once per published frame.
import {useSyncExternalStore} from 'react';
import type {Snapshot} from './snapshot.js';
import type {UiStore} from './store.js';

export function useStore(store: UiStore): Snapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
