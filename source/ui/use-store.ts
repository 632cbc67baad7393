// React reads the store's current snapshot; it re-renders once per published frame.
import {useSyncExternalStore} from 'react';
import type {Snapshot, UiStore} from './store.js';

export function useStore(store: UiStore): Snapshot {
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
