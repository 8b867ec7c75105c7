// Maps the tsconfig path aliases (@app/<lib>) for jest, so there is one list of aliases: tsconfig.json.
const path = require('path');
const ts = require('typescript');

function pathsToModuleNameMapper() {
  const file = path.join(__dirname, '..', '..', 'tsconfig.json');
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  const mapper = {};
  for (const [alias, [target]] of Object.entries(config.compilerOptions.paths)) {
    mapper[`^${alias.replace(/[/]/g, '\\/')}$`] = `<rootDir>/${target}`;
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
