// A router with the local route and a UI store on it, as the terminal UI builds them.
import {LocalRoute} from '../../source/local/local-route.js';
import {Router} from '../../source/router/router.js';
import {UiStore, type UiStoreOptions} from '../../source/ui/store.js';

export function storeWithRouter(options: Partial<UiStoreOptions> = {}): {router: Router; store: UiStore} {
	const router = new Router({mode: 'none', echo: false, localInputOpen: true});
	router.addRoute(new LocalRoute(router, undefined));
	const store = new UiStore(router, {
		scrollback: 100,
		verbose: false,
		crlf: false,
		inputMode: 'line',
		columns: 80,
		rows: 24,
		frameMs: 5,
		...options,
	});
	return {router, store};
}

/** Resolves at the store's next published snapshot. */
export function nextSnapshot(store: UiStore): Promise<void> {
	return new Promise(resolve => {
		const unsubscribe = store.subscribe(() => {
			unsubscribe();
			resolve();
		});
	});
}
