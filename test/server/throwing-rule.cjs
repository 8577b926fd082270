// Fault injection for one test, preloaded with `node -r` into the real server process
// (nothing in the product reads it): function-size throws on settings.py, so the test
// sees how the server reports a rule that crashes while the file's other results stay.
const path = require('node:path');
const { ruleById } = require(path.join(__dirname, '../../shared-rules/dist/index.js'));
const rule = ruleById('function-size');
const check = rule.check;
rule.check = (ctx) => {
  if (ctx.file.path.endsWith('settings.py')) throw new Error('injected fault: function-size crashed');
  return check(ctx);
};
