/**
 * The audited monorepo's concepts (the `netra` defaults of canonical-module):
 * - clickhouse: spec 3.8. The canonical module is `netra_backend/app/db/clickhouse.py`;
 *   three known copies must not exist; `*ClickHouse*Client` classes are defined only there.
 * - environment: spec 7.1. `shared.isolated_environment`; `dev_launcher.isolated_environment`
 *   is the stale module the old pre-commit hook still required (spec 8, C1).
 * - test-base: spec 7.2. `test_framework.ssot.base_test_case`, replacing `test_framework/base.py`.
 * - database: spec 7.3. `DatabaseManager` in `netra_backend.app.db.database_manager`; direct
 *   engine/session construction counts against its adoption.
 */
export const NETRA_CONCEPTS = [
  {
    name: 'clickhouse',
    canonicalModule: 'netra_backend.app.db.clickhouse',
    symbols: ['get_clickhouse_client'],
    exports: ['ClickHouseService', 'ClickHouseDatabase', 'NoOpClickHouseClient', 'get_clickhouse_service', 'get_clickhouse_config'],
    definitionPatterns: ['^\\w*ClickHouse\\w*Client$'],
    forbiddenFiles: [
      'netra_backend/app/db/clickhouse_client.py',
      'netra_backend/app/db/client_clickhouse.py',
      'netra_backend/app/agents/data_sub_agent/clickhouse_client.py',
    ],
    forbiddenImports: ['netra_backend.app.db.clickhouse_client', 'netra_backend.app.db.client_clickhouse', 'netra_backend.app.agents.data_sub_agent.clickhouse_client'],
    directEnvAccess: false,
    directCalls: [],
  },
  {
    name: 'environment',
    canonicalModule: 'shared.isolated_environment',
    symbols: ['get_env', 'IsolatedEnvironment'],
    exports: ['IsolatedEnv', 'getenv', 'setenv', 'delenv', 'get_env_var', 'get_subprocess_env'],
    definitionPatterns: [],
    forbiddenFiles: ['dev_launcher/isolated_environment.py'],
    forbiddenImports: ['dev_launcher.isolated_environment'],
    directEnvAccess: true,
    directCalls: [],
  },
  {
    name: 'test-base',
    canonicalModule: 'test_framework.ssot.base_test_case',
    symbols: ['SSotBaseTestCase', 'SSotAsyncTestCase'],
    exports: ['BaseTestCase', 'BaseIntegrationTest', 'AsyncTestCase', 'BaseE2ETest', 'SSotAsyncBaseTestCase'],
    definitionPatterns: [],
    forbiddenFiles: [],
    forbiddenImports: ['test_framework.base'],
    directEnvAccess: false,
    directCalls: [],
  },
  {
    name: 'database',
    canonicalModule: 'netra_backend.app.db.database_manager',
    symbols: ['DatabaseManager', 'get_database_manager'],
    exports: ['get_db_session'],
    definitionPatterns: [],
    forbiddenFiles: [],
    forbiddenImports: [],
    directEnvAccess: false,
    directCalls: ['create_async_engine', 'async_sessionmaker', 'sessionmaker'],
  },
];
