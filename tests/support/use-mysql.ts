// The api-mysql jest project: the same API suite, on the test MariaDB (tests/support/app.ts reads STORE).
process.env.STORE = 'mysql';
