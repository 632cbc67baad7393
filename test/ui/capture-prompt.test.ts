// The capture key's prompt as a state machine, with recorded controls (the captures themselves
// are tested against real files in test/capture).
import assert from 'node:assert/strict';
import os from 'node:os';
import {test} from 'node:test';
import {CapturePrompt, type CaptureFileState} from '../../source/ui/capture-prompt.js';
import {Prompt} from '../../source/ui/prompt.js';

function setup(startError?: Error) {
	const started: string[] = [];
	const notices: string[] = [];
	let running: CaptureFileState[] = [];
	const line = new Prompt(() => {});
	const prompt = new CapturePrompt(
		{
			start: async path => {
				if (startError) throw startError;
				started.push(path);
				running = [{path, format: 'pcapng', bytes: 0}];
			},
			stopAll: async () => {
				running = [];
			},
			status: () => running,
		},
		line,
		{notice: (level, text) => notices.push(`${level}: ${text}`), changed: () => {}},
	);
	const type = (text: string) => {
		for (const char of text) line.key(Buffer.from(char));
	};
	return {prompt, line, started, notices, type, running: () => running};
}

const settle = () => new Promise(resolve => setImmediate(resolve));

test('the key opens the prompt, Enter starts the capture, the key again stops it', async () => {
	const {prompt, line, started, notices, type, running} = setup();
	assert.equal(line.isOpen, false);
	prompt.toggle();
	assert.equal(line.isOpen, true);
	type('out.pcapng');
	assert.equal(line.view()?.line.value, 'out.pcapng');
	type('\r');
	await settle();
	assert.equal(line.isOpen, false);
	assert.deepEqual(started, ['out.pcapng']);
	assert.deepEqual(
		prompt.view().files.map(file => file.path),
		['out.pcapng'],
	);
	prompt.toggle();
	assert.equal(line.isOpen, false, 'with a capture running the key stops it, no prompt');
	await settle();
	assert.deepEqual(running(), []);
	assert.deepEqual(notices, ['info: Capturing to out.pcapng', 'info: Capture stopped: out.pcapng']);
});

test('Esc cancels, an empty name starts nothing, ~/ is the home directory', async () => {
	const {prompt, line, started, type} = setup();
	prompt.toggle();
	type('abc\x1b');
	assert.equal(line.isOpen, false);
	prompt.toggle();
	type('  \r');
	prompt.toggle();
	type('~/cap.txt\r');
	await settle();
	assert.deepEqual(started, [`${os.homedir()}/cap.txt`]);
});

test('a file that cannot be written is shown in the prompt, which stays open for a fix', async () => {
	const {prompt, line, notices, type} = setup(new Error('cannot write capture file /x/y: no such file or directory (ENOENT)'));
	prompt.toggle();
	type('/x/y\r');
	await settle();
	assert.deepEqual(notices, []);
	assert.equal(line.isOpen, true);
	assert.equal(line.view()?.error, 'cannot write capture file /x/y: no such file or directory (ENOENT)');
	type('\x1b');
	assert.equal(line.isOpen, false);
});
