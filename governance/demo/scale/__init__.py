"""A generated district at any scale (`manage.py seed_scale`): Chenghua's shape at 1.0, rows bulk-loaded.

Each module builds one part of the district as plain rows (ids chosen here, so rows can point at
each other before they are written), `loader` writes them (COPY on PostgreSQL, batched inserts
elsewhere) and `totals` keeps what was written, so tests and reports can compare the database
with what is known to be in it.
"""
