// One command for a new user: starts whatever parts of Kiryana are built so far.
console.log(
  'Kiryana: the sync server, admin web and terminal are not built yet (see the open issues).',
);
console.log('Run `npx pnpm@12.4.2 test` to run the test suite.');
