// The lines of the help overlay, from the keymap. Pure.
import {bindings, otherKeys} from './keymap.js';

export function helpLines(): string[] {
	const rows = [...bindings.slice(0, 2), ...otherKeys, ...bindings.slice(2)];
	return rows.map(row => `  ${row.label.padEnd(12)} ${row.description}`);
}

export function helpLineCount(): number {
	return helpLines().length;
}
