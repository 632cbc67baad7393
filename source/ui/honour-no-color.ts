// NO_COLOR (https://no-color.org): chalk, which Ink paints with, does not read it, so it becomes
// FORCE_COLOR=0 here. Imported before Ink so chalk sees it when it loads.
if (process.env['NO_COLOR'] && !('FORCE_COLOR' in process.env)) process.env['FORCE_COLOR'] = '0';
