// The full-screen UI: connection list, traffic log (or help), input line, status bar. Everything
// it shows comes from the store's snapshot; keys are handled by the key controller, not here.
import {Box} from 'ink';
import {ConnectionList} from './connection-list.js';
import {Help} from './help.js';
import {InputLine} from './input-line.js';
import {StatusBar} from './status-bar.js';
import type {UiStore} from './store.js';
import {TrafficLog} from './traffic-log.js';
import {useStore} from './use-store.js';

/** statusBar false: the terminal UI draws the bar on the last row itself (status-row.ts). */
export function App({store, statusBar = true}: {store: UiStore; statusBar?: boolean}) {
	const snapshot = useStore(store);
	return (
		<Box flexDirection="column" width={snapshot.columns} height={snapshot.layout.frameHeight + (statusBar ? 1 : 0)}>
			<ConnectionList snapshot={snapshot} />
			{snapshot.help ? <Help snapshot={snapshot} /> : <TrafficLog snapshot={snapshot} />}
			<InputLine snapshot={snapshot} />
			{statusBar ? <StatusBar snapshot={snapshot} /> : null}
		</Box>
	);
}
