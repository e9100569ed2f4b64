"""PostgreSQL access: connection resolution, migrations, bulk-load helpers."""
