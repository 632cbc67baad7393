// The input line: the line being typed (line mode) or a hint (keystroke mode, where the key
// controller sends each key itself), with the mode and where typed input goes.
import {Box, Text} from 'ink';
import {targetName} from './format.js';
import {visibleLine, type LineState} from './line-editor.js';
import type {Snapshot} from './store.js';

export function InputLine({snapshot}: {snapshot: Snapshot}) {
	if (snapshot.capture?.prompt) return <CapturePromptLine snapshot={snapshot} line={snapshot.capture.prompt} />;
	const line = snapshot.inputMode === 'line';
	const prompt = `${line ? '[line]' : '[keys]'} to ${targetName(snapshot.target)} > `;
	if (!line) {
		return (
			<Text wrap="truncate-end">
				<Text bold color="cyan">
					{prompt}
				</Text>
				<Text dimColor>each key is sent as you type (Ctrl-T: line mode)</Text>
			</Text>
		);
	}
	const {text, cursor} = visibleLine(snapshot.line, snapshot.columns - prompt.length);
	const chars = [...text];
	return (
		<Box width={snapshot.columns} height={1}>
			<Text wrap="truncate-end">
				<Text bold color="cyan">
					{prompt}
				</Text>
				{chars.slice(0, cursor).join('')}
				<Text inverse>{chars[cursor] ?? ' '}</Text>
				{chars.slice(cursor + 1).join('')}
				{chars.length === 0 ? <Text dimColor> type a line, Enter sends</Text> : null}
			</Text>
		</Box>
	);
}

/** The capture key's prompt for a file name (Enter starts, Esc cancels). */
function CapturePromptLine({snapshot, line}: {snapshot: Snapshot; line: LineState}) {
	const prompt = 'capture to file (.txt/.hex: hex dump; Esc cancels) > ';
	const {text, cursor} = visibleLine(line, snapshot.columns - prompt.length);
	const chars = [...text];
	return (
		<Box width={snapshot.columns} height={1}>
			<Text wrap="truncate-end">
				<Text bold color="yellow">
					{prompt}
				</Text>
				{chars.slice(0, cursor).join('')}
				<Text inverse>{chars[cursor] ?? ' '}</Text>
				{chars.slice(cursor + 1).join('')}
			</Text>
		</Box>
	);
}
