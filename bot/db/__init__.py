"""Persistence: models, engine, migrations and the queries the use-cases share."""
