exports.handler = () => { setTimeout(() => console.log('work finished'), 20); };
