// The keys of reading the log and moving through the list (issue 15, items 1-5), before the key
// controller's own: the details view is modal; Up/Down, Enter, Home and Esc mean what the focus
// says; the F-keys and Tab act on the reader (ui/log-reader.ts).
import type {Action} from './keymap.js';
import type {UiStore} from './store.js';

/** Handles the key when it belongs to reading; false leaves it to the key controller. */
export function readerKey(store: UiStore, key: Buffer, action: Action | undefined, run: (action: Action) => void): boolean {
	const reader = store.reader;
	if (reader.details.isOpen) {
		detailsKey(store, key, action, run);
		return true;
	}
	const focus = reader.focus;
	if (focus === 'log' && key.length === 1 && key[0] === 0x0d) {
		reader.openDetails();
		return true;
	}
	if (focus === 'log' && (action === 'select-previous' || action === 'select-next')) {
		reader.moveCursor(action === 'select-previous' ? -1 : 1);
		return true;
	}
	switch (action) {
		case 'close-help':
			// Esc closes what reading opened; otherwise it means what it meant before.
			return reader.escape();
		case 'focus-next':
			// In keystroke mode Tab goes to the peer (shell completion); Shift-Tab still moves the focus.
			if (store.currentInputMode === 'keys') store.sendKey(key);
			else reader.cycleFocus(1);
			return true;
		case 'focus-previous':
			reader.cycleFocus(-1);
			return true;
		case 'log-start':
			// Home in a line being typed moves in the line, as it did before it was bound.
			if (focus === 'input' && store.currentInputMode === 'line' && !store.lineEmpty) store.editLine(key);
			else reader.toStart();
			return true;
		case 'search':
		case 'search-previous':
			reader.searchKey(action === 'search' ? 'older' : 'newer');
			return true;
		case 'toggle-wrap':
			reader.toggleWrap();
			return true;
		case 'follow-peer':
			reader.toggleFollow();
			return true;
		case 'go-to-route':
			reader.promptRoute();
			return true;
		default:
			return false;
	}
}

/** The details view is modal: it scrolls, searches, switches text/hex, and closes. */
function detailsKey(store: UiStore, key: Buffer, action: Action | undefined, run: (action: Action) => void): void {
	const reader = store.reader;
	const text = key.toString('latin1');
	if (action === 'close-help' || text === '\r' || text === 'q') reader.escape();
	else if (action === 'select-previous') reader.detailsKey('up');
	else if (action === 'select-next') reader.detailsKey('down');
	else if (action === 'page-up') reader.detailsKey('page-up');
	else if (action === 'page-down') reader.detailsKey('page-down');
	else if (action === 'log-start') reader.detailsKey('home');
	else if (action === 'live-tail') reader.detailsKey('end');
	else if (action === 'search' || action === 'search-previous') reader.searchKey(action === 'search' ? 'older' : 'newer');
	else if (action === 'toggle-view' || action === 'quit' || action === 'redraw' || action === 'suspend' || action === 'help') run(action);
}
