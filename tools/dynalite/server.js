// Starts dynalite (an MIT-licensed DynamoDB API server) on 127.0.0.1 for Rehearsal's tests and
// local runtime. Listens on --port (0 = any free port) and prints "DYNALITE_PORT <n>" once ready.
// Exits when its standard input closes, so the server never outlives the JVM that started it,
// even when that JVM is killed without running its shutdown hooks.
'use strict'
const argv = process.argv.slice(2)
function opt(name, dflt) {
  const i = argv.indexOf('--' + name)
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt
}
const port = Number(opt('port', '0'))
const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }
const path = opt('path', null)
// Kept data (workflows, personas) is for its owner only: files 0600, folders 0700 from creation.
if (path) {
  process.umask(0o077)
  options.path = path
}
const server = require('dynalite')(options)
server.listen(port, '127.0.0.1', () => {
  process.stdout.write('DYNALITE_PORT ' + server.address().port + '\n')
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))
