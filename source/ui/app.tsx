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

export function App({store}: {store: UiStore}) {
	const snapshot = useStore(store);
	return (
		<Box flexDirection="column" width={snapshot.columns} height={snapshot.layout.frameHeight}>
			<ConnectionList snapshot={snapshot} />
			{snapshot.help ? <Help snapshot={snapshot} /> : <TrafficLog snapshot={snapshot} />}
			<InputLine snapshot={snapshot} />
			<StatusBar snapshot={snapshot} />
		</Box>
	);
}
