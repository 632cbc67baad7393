// The input line: the line being typed (line mode) or a hint (keystroke mode, where the key
// controller sends each key itself), with the mode and where typed input goes. A target that left
// stays named, marked gone; once the run ended, the line says so and how to leave. An open prompt
// (capture file, search...) borrows the line.
import {Box, Text} from 'ink';
import {targetName} from './format.js';
import {visibleLine} from './line-editor.js';
import type {PromptView} from './prompt.js';
import type {Snapshot} from './snapshot.js';

export function InputLine({snapshot}: {snapshot: Snapshot}) {
	if (snapshot.prompt) return <PromptLine snapshot={snapshot} prompt={snapshot.prompt} />;
	if (snapshot.ended) {
		return (
			<Text wrap="truncate-end">
				<Text bold color="yellow">
					{`[ended] ${snapshot.ended.reason}`}
				</Text>
				<Text dimColor> -- q, Esc or Ctrl-C quits; PgUp scrolls the log</Text>
			</Text>
		);
	}
	const line = snapshot.inputMode === 'line';
	const blocked = snapshot.targetBlocked;
	const listener = snapshot.selectedListener;
	const where = listener !== undefined ? `listener ${listener}` : `${targetName(snapshot.target)}${blocked ? ` (${blocked})` : ''}`;
	const prompt = `${line ? '[line]' : '[keys]'} to ${where} > `;
	const promptText = (
		<Text bold color={blocked ? 'yellow' : 'cyan'}>
			{prompt}
		</Text>
	);
	if (!line) {
		return (
			<Text wrap="truncate-end">
				{promptText}
				<Text dimColor>
					{listener !== undefined
						? 'Ctrl-K closes it, Ctrl-Y changes its -m'
						: blocked
							? 'nothing is sent; Up/Down picks another target'
							: 'each key is sent as you type (Ctrl-T: line mode)'}
				</Text>
			</Text>
		);
	}
	const {text, cursor} = visibleLine(snapshot.line, snapshot.columns - prompt.length);
	const chars = [...text];
	return (
		<Box width={snapshot.columns} height={1}>
			<Text wrap="truncate-end">
				{promptText}
				{chars.slice(0, cursor).join('')}
				<Text inverse>{chars[cursor] ?? ' '}</Text>
				{chars.slice(cursor + 1).join('')}
				{chars.length === 0 ? (
					<Text dimColor>{blocked ? ' nothing can be sent; Up/Down picks another target' : ' type a line, Enter sends'}</Text>
				) : null}
			</Text>
		</Box>
	);
}

/** The open prompt (ui/prompt.ts): its question, the text typed, and why the last Enter was refused. */
function PromptLine({snapshot, prompt}: {snapshot: Snapshot; prompt: PromptView}) {
	const error = prompt.error === undefined ? '' : ` [${prompt.error}]`;
	// An error too long to share the line with the question takes the question's place.
	const label = error && prompt.label.length + 8 + error.length > snapshot.columns ? '' : prompt.label;
	const {text, cursor} = visibleLine(prompt.line, Math.max(8, snapshot.columns - label.length - error.length));
	const chars = [...text];
	return (
		<Box width={snapshot.columns} height={1}>
			<Text wrap="truncate-end">
				<Text bold color="yellow">
					{label}
				</Text>
				{chars.slice(0, cursor).join('')}
				<Text inverse>{chars[cursor] ?? ' '}</Text>
				{chars.slice(cursor + 1).join('')}
				{prompt.busy ? <Text dimColor> ...</Text> : null}
				{error ? <Text color="red">{error}</Text> : null}
			</Text>
		</Box>
	);
}
