const { setTimeout: sleep } = require('node:timers/promises');
const { EventEmitter } = require('node:events');

exports.handler = async (event) => {
  const tag = 'n=' + event.n;
  console.log(tag, 'start');
  await sleep(event.delay);
  console.log(tag, 'after await');
  await new Promise((resolve) => setTimeout(() => { console.log(tag, 'in timer'); resolve(); }, 1));
  await new Promise((resolve) => setImmediate(() => { console.log(tag, 'in immediate'); resolve(); }));
  await new Promise((resolve) => process.nextTick(() => { console.log(tag, 'in nextTick'); resolve(); }));
  await Promise.resolve().then(() => console.log(tag, 'in then')).then(() => sleep(1)).then(() => console.log(tag, 'in chained then'));
  const emitter = new EventEmitter();
  const heard = new Promise((resolve) => emitter.once('ping', () => { console.log(tag, 'in listener'); resolve(); }));
  setTimeout(() => emitter.emit('ping'), 1);
  await heard;
  await (async () => { await null; console.log(tag, 'in nested async'); })();
  return tag;
};
